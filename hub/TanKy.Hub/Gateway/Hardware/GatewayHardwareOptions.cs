namespace TanKy.Hub.Gateway.Hardware;

/// <summary>The gateway's own hardware (section <c>Gateway:Hardware</c>). Pins are BCM GPIO numbers.</summary>
public sealed class GatewayHardwareOptions
{
    public const string Section = "Gateway:Hardware";

    /// <summary>Off: nothing is opened (a hub on a server without GPIO).</summary>
    public bool Enabled { get; set; }

    /// <summary>The GPIO chip; when it does not exist a simulated driver is used (logged at start).</summary>
    public string ChipPath { get; set; } = "/dev/gpiochip0";

    public ButtonOptions Button { get; set; } = new();

    public StatusLedOptions StatusLed { get; set; } = new();

    public RelayOptions Relay { get; set; } = new();

    public sealed class ButtonOptions
    {
        public bool Enabled { get; set; }

        public int Pin { get; set; } = 17;

        /// <summary>True: contact to ground with a pull-up (pressed = low). False: contact to 3.3 V with a pull-down.</summary>
        public bool PullUp { get; set; } = true;

        /// <summary>True when the board has its own resistor; the pin is then a plain input.</summary>
        public bool ExternalResistor { get; set; }

        /// <summary>A level must hold this long to count (contact bounce lasts a few ms).</summary>
        public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(50);

        /// <summary>How long the button must be held: nothing fires on an accidental touch.</summary>
        public TimeSpan HoldTime { get; set; } = TimeSpan.FromSeconds(2);

        public List<string> Zones { get; set; } = [];

        public string? SirenMediaId { get; set; }

        public string? MessageMediaId { get; set; }

        public int Repeat { get; set; } = 3;

        public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromSeconds(30);
    }

    public sealed class StatusLedOptions
    {
        public bool Enabled { get; set; }

        public int Pin { get; set; } = 27;

        public bool ActiveHigh { get; set; } = true;

        /// <summary>Broadcasting: on/off every half of this.</summary>
        public TimeSpan BlinkPeriod { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Fault: on/off every half of this.</summary>
        public TimeSpan FastBlinkPeriod { get; set; } = TimeSpan.FromMilliseconds(200);
    }

    public sealed class RelayOptions
    {
        public bool Enabled { get; set; }

        public int Pin { get; set; } = 22;

        /// <summary>Most relay boards for the Pi are active-low: set false for those.</summary>
        public bool ActiveHigh { get; set; } = true;

        /// <summary>The zones the legacy wired/FM cluster belongs to (the gateway's own zone).</summary>
        public List<string> Zones { get; set; } = [];

        /// <summary>The amplifier needs this long after power-on before it passes audio cleanly.</summary>
        public TimeSpan PreRoll { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>Kept on this long after a broadcast, so back-to-back bulletins do not click the relay.</summary>
        public TimeSpan HangTime { get; set; } = TimeSpan.FromSeconds(5);
    }
}
