namespace TanKy.Hub.Gateway.Hardware;

/// <summary>What the status LED says: idle (steady), broadcasting (blinking), fault (fast blink).</summary>
internal enum GatewayStatus
{
    Idle,
    Broadcasting,
    Fault,
}
