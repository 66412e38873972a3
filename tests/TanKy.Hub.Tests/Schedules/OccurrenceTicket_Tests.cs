using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Scheduling;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>
/// Tickets live in the Quartz job store and are compared by a fingerprint of their JSON, so their
/// enums stay C# member names even though the same enums have lower-case wire names elsewhere.
/// </summary>
public sealed class OccurrenceTicket_Tests
{
    private static readonly ScheduledAiring Airing = new(
        "ban-tin-sang", "Bản tin sáng", "p-ban-tin-sang-2611280600", DateTimeOffset.UnixEpoch, ["khoi-1"], BulletinClass.Priority,
        null, ["m-bantinsang"], null, 80, PreemptionPolicy.Restart, TimeSpan.FromMinutes(10), new MisfireInfo(TimeSpan.Zero, TimeSpan.FromMinutes(5)));

    [Fact]
    public void Enums_in_a_ticket_are_written_by_member_name()
    {
        var json = new OccurrenceTicket(OccurrenceTicket.ProgrammeGroup, "k", DateTimeOffset.UnixEpoch, "f", Airing, null).ToJson();

        json.Should().Contain("\"Class\":\"Priority\"").And.Contain("\"OnPreempt\":\"Restart\"");
        OccurrenceTicket.FromJson(json).Airing.Should().BeEquivalentTo(Airing);
    }

    [Fact]
    public void A_ticket_reads_member_names_in_any_case_and_numbers()
    {
        var json = new OccurrenceTicket(OccurrenceTicket.ProgrammeGroup, "k", DateTimeOffset.UnixEpoch, "f", Airing, null).ToJson()
            .Replace("\"Priority\"", "\"priority\"", StringComparison.Ordinal).Replace("\"Restart\"", "2", StringComparison.Ordinal);

        var airing = OccurrenceTicket.FromJson(json).Airing!;

        airing.Class.Should().Be(BulletinClass.Priority);
        airing.OnPreempt.Should().Be(PreemptionPolicy.Skip);
    }
}
