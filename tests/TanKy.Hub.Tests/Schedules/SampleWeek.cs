namespace TanKy.Hub.Tests.Schedules;

/// <summary>A week's programme used by several tests (Monday 27 April – Sunday 3 May 2026).</summary>
internal static class SampleWeek
{
    public const string Daily = """
        programmes:
          - id: ban-tin-sang
            title: Bản tin sáng
            zones: all
            volume: 80
            content:
              chime_before: m-nhachieudn
              playlist: [m-bantinsang]
            recurrence:
              times: ["06:00"]
              days: daily
            skip_on: [le-tet]
            on_preempt: resume
            play_late_within: 10m
          - id: hop-khoi-3
            title: Thông báo họp dân Khối 3
            zones: [khoi-3]
            content: [m-thongbaok3]
            recurrence:
              times: ["19:00"]
              dates: [2026-04-29]
        """;

    public const string Priority = """
        programmes:
          - id: tin-huyen
            title: Bản tin huyện
            class: priority
            zones: [khoi-1, khoi-2]
            content: [m-tinhuyen26]
            recurrence:
              times: ["06:05"]
              days: [mon, thu]
        """;

    public const string Holidays = """
        calendars:
          - id: le-tet
            title: Nghỉ lễ
            dates:
              - { date: 2026-04-30, name: Giải phóng miền Nam }
              - { date: 2026-05-01, name: Quốc tế Lao động }
        """;

    public static void WriteAll(ScheduleTestBed bed)
    {
        bed.Write("hang-ngay.yaml", Daily);
        bed.Write("chen.yaml", Priority);
        bed.Write("le-tet.yaml", Holidays);
    }

    public static DateTimeOffset At(int day, int hour, int minute) => new DateTimeOffset(2026, 4, 27, hour, minute, 0, TimeSpan.FromHours(7)).AddDays(day);

    /// <summary>(programme, zone, start) in firing order: what the week must play.</summary>
    public static IReadOnlyList<(string Programme, string Zone, DateTimeOffset Start)> Expected()
    {
        string[] all = ["khoi-1", "khoi-2", "khoi-3", "xom-5"];
        var list = new List<(string, string, DateTimeOffset)>();
        foreach (var day in new[] { 0, 1, 2, 3, 4, 5, 6 })
        {
            if (day is not (3 or 4))
            {
                list.AddRange(all.Select(z => ("ban-tin-sang", z, At(day, 6, 0))));
            }

            if (day is 0 or 3)
            {
                list.AddRange(new[] { "khoi-1", "khoi-2" }.Select(z => ("tin-huyen", z, At(day, 6, 5))));
            }

            if (day == 2)
            {
                list.Add(("hop-khoi-3", "khoi-3", At(day, 19, 0)));
            }
        }

        return list;
    }
}
