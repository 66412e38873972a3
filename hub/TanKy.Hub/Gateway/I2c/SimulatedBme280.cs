using System.Buffers.Binary;

namespace TanKy.Hub.Gateway.I2c;

/// <summary>
/// A BME280 register file. Its factory calibration is the worked example of the Bosch datasheet
/// (BMP280 DS001 §3.12, identical temperature/pressure formulas in the BME280): with raw
/// readings 519888 / 415148 the compensated values are 25.08 °C and 100653 Pa.
/// <see cref="SetConditions"/> finds the raw readings for a wanted temperature and humidity.
/// </summary>
internal sealed class SimulatedBme280 : RegisterFileI2cDevice
{
    public const int DatasheetAdcTemperature = 519888;
    public const int DatasheetAdcPressure = 415148;

    // Datasheet example calibration (dig_T1..T3, dig_P1..P9).
    private static readonly int[] TempPressCalibration = [27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000];

    public SimulatedBme280(int busId = 1, int address = 0x76)
        : base(busId, address, registerBytes: 1)
    {
        Poke(0xD0, 0x60); // chip id of the BME280
        var calibration = new byte[24];
        for (var i = 0; i < TempPressCalibration.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(calibration.AsSpan(i * 2), unchecked((short)TempPressCalibration[i]));
        }

        Poke(0x88, calibration);
        Poke(0xA1, (byte)H1);
        Poke(0xE1, (byte)(H2 & 0xFF), (byte)(H2 >> 8), (byte)H3);
        Poke(0xE4, (byte)(H4 >> 4), (byte)((H4 & 0x0F) | ((H5 & 0x0F) << 4)), (byte)(H5 >> 4), unchecked((byte)(sbyte)H6));
        SetRaw(DatasheetAdcTemperature, DatasheetAdcPressure, 30000);
    }

    // Humidity calibration: the datasheet gives no worked example; these are typical factory values.
    public static int H1 => 75;

    public static int H2 => 362;

    public static int H3 => 0;

    public static int H4 => 313;

    public static int H5 => 50;

    public static int H6 => 30;

    /// <summary>Raw 20-bit temperature/pressure and 16-bit humidity readings, as the ADC would leave them.</summary>
    public void SetRaw(int adcTemperature, int adcPressure, int adcHumidity)
    {
        Poke(0xF7, Raw20(adcPressure));
        Poke(0xFA, Raw20(adcTemperature));
        Poke(0xFD, (byte)(adcHumidity >> 8), (byte)(adcHumidity & 0xFF));
    }

    /// <summary>Sets raw readings that compensate to about <paramref name="celsius"/> and <paramref name="humidityPercent"/> (pressure as in the datasheet).</summary>
    public void SetConditions(double celsius, double humidityPercent)
    {
        var adcT = Search(0, (1 << 20) - 1, a => Bme280Formulas.Temperature(a, out _) < celsius);
        Bme280Formulas.Temperature(adcT, out var fine);
        var adcH = Search(0, 65535, a => Bme280Formulas.Humidity(a, fine) < humidityPercent);
        SetRaw(adcT, DatasheetAdcPressure, adcH);
    }

    private static byte[] Raw20(int adc) => [(byte)(adc >> 12), (byte)(adc >> 4), (byte)((adc & 0x0F) << 4)];

    /// <summary>Smallest value in [lo, hi] for which <paramref name="below"/> is false (the functions rise monotonically).</summary>
    private static int Search(int lo, int hi, Func<int, bool> below)
    {
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (below(mid))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The datasheet's floating-point compensation (BME280 DS002 §8.1), used only to invert it for the simulation.</summary>
    private static class Bme280Formulas
    {
        public static double Temperature(int adc, out double fine)
        {
            double t1 = TempPressCalibration[0], t2 = TempPressCalibration[1], t3 = TempPressCalibration[2];
            var var1 = ((adc / 16384.0) - (t1 / 1024.0)) * t2;
            var var2 = ((adc / 131072.0) - (t1 / 8192.0)) * ((adc / 131072.0) - (t1 / 8192.0)) * t3;
            fine = var1 + var2;
            return fine / 5120.0;
        }

        public static double Humidity(int adc, double fine)
        {
            var h = fine - 76800.0;
            h = (adc - ((H4 * 64.0) + (H5 / 16384.0 * h))) * (H2 / 65536.0 * (1.0 + (H6 / 67108864.0 * h * (1.0 + (H3 / 67108864.0 * h)))));
            return h * (1.0 - (H1 * h / 524288.0));
        }
    }
}
