namespace TanKy.Hub.Media;

/// <summary>
/// A second-order IIR section (a0 normalised to 1), direct form II transposed in double
/// precision: the K-weighting high-pass sits at 38 Hz where float state loses accuracy.
/// </summary>
internal sealed class Biquad(double b0, double b1, double b2, double a1, double a2)
{
    private double _z1;
    private double _z2;

    public double B0 { get; } = b0;

    public double B1 { get; } = b1;

    public double B2 { get; } = b2;

    public double A1 { get; } = a1;

    public double A2 { get; } = a2;

    public double Process(double x)
    {
        var y = (B0 * x) + _z1;
        _z1 = (B1 * x) - (A1 * y) + _z2;
        _z2 = (B2 * x) - (A2 * y);
        return y;
    }
}
