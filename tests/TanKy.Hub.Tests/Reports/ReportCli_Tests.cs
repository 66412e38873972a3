using System.Text;
using TanKy.Hub.Tests.Schedules;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Reports;

/// <summary><c>tanky-hub report</c> on a data directory: the CSV for people and for machines, and a bad period.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReportCli_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public ReportCli_Tests() => _dir.SeedTwoHamlets();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_csv_has_a_BOM_and_Vietnamese_headers_and_machine_headers_on_request()
    {
        var people = Path.Combine(_dir.Path, "bao-cao.csv");
        var machine = Path.Combine(_dir.Path, "may.csv");

        (await HubCliRunner.RunAsync("report", "--period", "2026-11", "--format", "csv", "--out", people, "--data-dir", _dir.Path)).Code.Should().Be(0);
        (await HubCliRunner.RunAsync("report", "--period", "2026-11", "--format", "csv", "--headers", "en", "--out", machine, "--data-dir", _dir.Path)).Code.Should().Be(0);

        var bytes = await File.ReadAllBytesAsync(people);
        bytes.Take(3).Should().Equal(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("Xã,Từ ngày,Đến ngày,Cấp,Tên,Loại thiết bị,Khối/xóm,Số lắp đặt,Đang hoạt động,Trực tuyến (giờ),Mất kết nối (giờ),"
            + "Không rõ (giờ),Bảo trì (giờ),Tỷ lệ sẵn sàng (%),Số sự cố,Sự cố lâu nhất (phút),MTTR (phút),MTBF (giờ)");
        lines[1].Should().StartWith("tan-ky,2026-11-01,2026-11-30,Toàn xã,Toàn xã,");
        lines.Should().Contain(l => l.StartsWith("tan-ky,2026-11-01,2026-11-30,Thiết bị,Cụm loa Xóm 3,Cụm loa,Xóm 3,", StringComparison.Ordinal));
        string.Join('\n', lines).Should().NotContain("loa-xom-3-a", "people read names; ids are for the machine form");

        var text = (await File.ReadAllTextAsync(machine)).TrimStart('\uFEFF');
        text.Split("\r\n")[0].Split(',').Should().Equal(ReportFormats_Tests.DocumentedCsvColumns());
        text.Should().Contain(",device,loa-xom-3-a,Cụm loa Xóm 3,speaker,xom-3,");
    }

    [Fact]
    public async Task A_bad_period_is_one_Vietnamese_sentence_with_the_reason()
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            (await HubCliRunner.RunAsync("report", "--period", "2026-13", "--data-dir", _dir.Path)).Code.Should().Be(1);
            (await HubCliRunner.RunAsync("report", "--period", "2026-11", "--format", "csv", "--headers", "fr", "--data-dir", _dir.Path)).Code.Should().Be(1);
        }
        finally
        {
            Console.SetError(previous);
        }

        error.ToString().Should().Contain("Không có tháng 13 trong “2026-13”: tháng phải từ 01 đến 12.")
            .And.Contain("Không có kiểu tiêu đề “fr”").And.NotContain("invalid");
    }
}
