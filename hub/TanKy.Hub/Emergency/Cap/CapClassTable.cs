using System.Text;
using TanKy.Protocol;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// urgency × severity × certainty → bulletin class (null = ignore). The table is documented in
/// hub/docs/emergency.md, and a test keeps the document equal to <see cref="ToMarkdown"/>.
/// </summary>
internal static class CapClassTable
{
    public static BulletinClass? Classify(CapUrgency urgency, CapSeverity severity, CapCertainty certainty)
    {
        // Over, or not expected to happen: nothing to tell people.
        if (urgency == CapUrgency.Past || certainty == CapCertainty.Unlikely)
        {
            return null;
        }

        var soon = urgency is CapUrgency.Immediate or CapUrgency.Expected;
        var grave = severity is CapSeverity.Extreme or CapSeverity.Severe;
        var sure = certainty is CapCertainty.Observed or CapCertainty.Likely;
        if (soon && grave && sure)
        {
            return BulletinClass.Emergency;
        }

        // Unknown in any dimension never interrupts the programme: the hub does not act on a guess.
        var known = urgency != CapUrgency.Unknown && certainty != CapCertainty.Unknown;
        var serious = severity is CapSeverity.Extreme or CapSeverity.Severe or CapSeverity.Moderate;
        return known && serious ? BulletinClass.Priority : BulletinClass.Normal;
    }

    /// <summary>The table as it appears in hub/docs/emergency.md: one grid per certainty, severity × urgency.</summary>
    public static string ToMarkdown()
    {
        var sb = new StringBuilder();
        foreach (var certainty in Enum.GetValues<CapCertainty>())
        {
            sb.Append("**certainty ").Append(certainty).Append("**\n\n| severity \\ urgency |");
            foreach (var u in Enum.GetValues<CapUrgency>())
            {
                sb.Append(' ').Append(u).Append(" |");
            }

            sb.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---|", Enum.GetValues<CapUrgency>().Length))).Append('\n');
            foreach (var s in Enum.GetValues<CapSeverity>())
            {
                sb.Append("| ").Append(s).Append(" |");
                foreach (var u in Enum.GetValues<CapUrgency>())
                {
                    sb.Append(' ').Append(Classify(u, s, certainty)?.ToWire() ?? "ignore").Append(" |");
                }

                sb.Append('\n');
            }

            sb.Append('\n');
        }

        return sb.ToString().TrimEnd() + "\n";
    }
}
