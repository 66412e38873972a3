namespace TanKy.Hub.Web.Console.Dashboard;

/// <summary>
/// Places hamlet names on the SVG map so that no two overlap and none covers a pin: each label
/// tries a few spots around its hamlet's centre (above, below, right, left, then further out) and
/// takes the first free one; the map's own coordinates (600 wide) are the page's pixels on a
/// desktop, so sizes are estimated from the font size rather than measured in the browser.
/// </summary>
public static class MapLabels
{
    public const double FontSize = 15;

    /// <summary>Average advance of a character at <see cref="FontSize"/> in the console's sans-serif, with a margin.</summary>
    private const double CharWidth = FontSize * 0.58;

    private const double PinRadius = 14;

    /// <summary>Where each label goes (x: centre, y: baseline), in the order given.</summary>
    public static IReadOnlyList<PlacedLabel> Place(IReadOnlyList<(string Text, double X, double Y)> labels, IReadOnlyList<(double X, double Y)> pins, double width, double height)
    {
        var taken = pins.Select(p => new Box(p.X - PinRadius, p.Y - PinRadius, p.X + PinRadius, p.Y + PinRadius)).ToList();
        var labelBoxes = new List<Box>();
        var placed = new List<PlacedLabel>();
        foreach (var (text, x, y) in labels)
        {
            var w = text.Length * CharWidth;
            Box? best = null;
            var bestOverlap = double.MaxValue;
            foreach (var (dx, dy) in Offsets(w))
            {
                var cx = Math.Clamp(x + dx, w / 2 + 2, Math.Max(w / 2 + 2, width - w / 2 - 2));
                var baseline = Math.Clamp(y + dy, FontSize + 2, Math.Max(FontSize + 2, height - 4));
                var box = new Box(cx - w / 2, baseline - FontSize, cx + w / 2, baseline + 3);
                var overlap = labelBoxes.Sum(b => b.Overlap(box)) * 4 + taken.Sum(b => b.Overlap(box));
                if (overlap < bestOverlap)
                {
                    (best, bestOverlap) = (box, overlap);
                }

                if (overlap == 0)
                {
                    break;
                }
            }

            labelBoxes.Add(best!);
            placed.Add(new PlacedLabel(text, Math.Round((best!.Left + best.Right) / 2, 1), Math.Round(best.Bottom - 3, 1), Math.Round(w, 1)));
        }

        return placed;
    }

    private static IEnumerable<(double Dx, double Dy)> Offsets(double w)
    {
        for (var ring = 0; ring < 4; ring++)
        {
            var step = ring * 20;
            yield return (0, -18 - step);
            yield return (0, 30 + step);
            yield return (w / 2 + 18 + step, 5);
            yield return (-w / 2 - 18 - step, 5);
            yield return (w / 2 + 10 + step, -18 - step);
            yield return (-w / 2 - 10 - step, -18 - step);
            yield return (w / 2 + 10 + step, 30 + step);
            yield return (-w / 2 - 10 - step, 30 + step);
        }
    }

    private sealed record Box(double Left, double Top, double Right, double Bottom)
    {
        public double Overlap(Box o) =>
            Math.Max(0, Math.Min(Right, o.Right) - Math.Max(Left, o.Left)) * Math.Max(0, Math.Min(Bottom, o.Bottom) - Math.Max(Top, o.Top));
    }
}

/// <summary>A hamlet name on the map: centre x, baseline y and estimated width, in map units.</summary>
public sealed record PlacedLabel(string Text, double X, double Y, double Width);
