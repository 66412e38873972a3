using TanKy.Hub.Web.Console.Dashboard;

namespace TanKy.Web.Tests.Devices;

/// <summary>Hamlet names on the dashboard map are placed apart, even for a dozen hamlets close together.</summary>
public sealed class MapLabels_Tests
{
    [Fact]
    public void Twelve_crowded_hamlet_names_do_not_overlap_each_other_or_the_pins()
    {
        // Twelve hamlet centres 40 units apart in a 4×3 block: the names as drawn before overlapped.
        var anchors = Enumerable.Range(0, 12)
            .Select(i => ($"Xóm {i + 1} – Vĩnh Phúc", 180.0 + (i % 4) * 40, 150.0 + (i / 4) * 40))
            .ToList();
        var pins = anchors.Select(a => (a.Item2, a.Item3)).ToList();

        var placed = MapLabels.Place(anchors, pins, 600, 450);

        placed.Should().HaveCount(12);
        var boxes = placed.Select(p => (L: p.X - p.Width / 2, T: p.Y - MapLabels.FontSize, R: p.X + p.Width / 2, B: p.Y + 3)).ToList();
        boxes.Should().OnlyContain(b => b.L >= 0 && b.R <= 600 && b.T >= 0 && b.B <= 450, "every name stays on the map");
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                (a.R <= b.L || b.R <= a.L || a.B <= b.T || b.B <= a.T).Should().BeTrue($"'{placed[i].Text}' and '{placed[j].Text}' overlap");
            }
        }
    }

    [Fact]
    public void A_lone_hamlet_name_sits_just_above_its_devices()
    {
        var placed = MapLabels.Place([("Khối 1", 300, 200)], [(300, 200)], 600, 400);

        placed.Single().X.Should().Be(300);
        placed.Single().Y.Should().Be(182);
    }
}
