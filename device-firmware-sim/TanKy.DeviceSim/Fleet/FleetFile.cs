using System.Text.Json;
using TanKy.Protocol;

namespace TanKy.DeviceSim.Fleet;

/// <summary>
/// The simulator's fleet file: what a factory flashes into each device — site, broker address
/// and, per device, id, kind and secret (name, lat and lon for display only).
/// <code>{"v":1,"site":"tan-ky","broker":{"host":"127.0.0.1","port":1883,"tls":false},
///  "devices":[{"id":"loa-khoi-1-a","kind":"speaker","secret":"…","name":"…","lat":19.05,"lon":105.25}]}</code>
/// Everything else (a speaker's zones above all) comes over the protocol: a <c>zones</c> member
/// from an older file is ignored with a warning (issue #15).
/// </summary>
public sealed record FleetFile(string Site, string BrokerHost, int BrokerPort, bool BrokerTls, IReadOnlyList<FleetDevice> Devices)
{
    /// <summary>What was read but is not used (e.g. <c>zones</c>), one line per device, to print before running.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Reads and validates a fleet file; throws <see cref="FleetFileException"/> listing every problem.</summary>
    public static FleetFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FleetFileException(path, [$"cannot read the file: {ex.Message}"]);
        }

        return Parse(path, text);
    }

    /// <summary>Parses fleet JSON; <paramref name="path"/> only names the source in errors.</summary>
    public static FleetFile Parse(string path, string json)
    {
        Dto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<Dto>(json, Json);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}: " : "";
            throw new FleetFileException(path, [$"{where}not valid fleet JSON ({ex.Message.Split('.')[0]})"]);
        }

        if (dto is null)
        {
            throw new FleetFileException(path, ["the file holds JSON null, not a fleet"]);
        }

        var problems = new List<string>();
        var warnings = new List<string>();
        var fleet = Check(dto, problems, warnings);
        return problems.Count == 0 ? fleet with { Warnings = warnings } : throw new FleetFileException(path, problems);
    }

    private static FleetFile Check(Dto dto, List<string> problems, List<string> warnings)
    {
        if (dto.V != 1)
        {
            problems.Add(dto.V is null ? "\"v\" is missing (expected 1)" : $"\"v\" is {dto.V}, this simulator reads version 1");
        }

        if (!Identifiers.IsValid(dto.Site ?? ""))
        {
            problems.Add($"site '{dto.Site}' is missing or not a valid slug (a–z, 0–9, '-')");
        }

        if (dto.Broker is null || string.IsNullOrWhiteSpace(dto.Broker.Host))
        {
            problems.Add("broker.host is missing");
        }

        if (dto.Broker?.Port is not (>= 1 and <= 65535))
        {
            problems.Add($"broker.port '{dto.Broker?.Port}' is missing or not 1–65535");
        }

        if (dto.Devices is null || dto.Devices.Count == 0)
        {
            problems.Add("devices is missing or empty");
        }

        var devices = new List<FleetDevice>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (dto.Devices?.Count ?? 0); i++)
        {
            var d = dto.Devices![i];
            var at = $"devices[{i}]" + (d?.Id is { } id ? $" ('{id}')" : "");
            if (d is null)
            {
                problems.Add($"{at} is null");
                continue;
            }

            var before = problems.Count;
            if (!Identifiers.IsValid(d.Id ?? ""))
            {
                problems.Add($"{at}: id is missing or invalid (1–48 of a–z, 0–9, '-')");
            }
            else if (!seen.Add(d.Id!))
            {
                problems.Add($"{at}: id appears twice");
            }

            if (!DeviceKinds.TryParse(d.Kind, out var kind))
            {
                problems.Add($"{at}: kind '{d.Kind}' is not speaker, wifi-ap, camera, led-board or gateway");
            }

            if (string.IsNullOrEmpty(d.Secret))
            {
                problems.Add($"{at}: secret is missing");
            }

            if (d.Zones is not null)
            {
                warnings.Add($"{at}: \"zones\" is ignored: a device learns its zones from its desired state (tanky-hub devices add --zone / devices set ID zones=…)");
            }

            if (problems.Count == before)
            {
                devices.Add(new FleetDevice(d.Id!, kind!.Value, d.Secret!, d.Name, d.Lat, d.Lon));
            }
        }

        return new FleetFile(dto.Site ?? "", dto.Broker?.Host ?? "", dto.Broker?.Port ?? 0, dto.Broker?.Tls ?? false, devices);
    }

    private sealed record Dto(int? V, string? Site, BrokerDto? Broker, List<DeviceDto?>? Devices);

    private sealed record BrokerDto(string? Host, int? Port, bool? Tls);

    // Zones is read only to warn that it is ignored; any JSON value counts.
    private sealed record DeviceDto(string? Id, string? Kind, JsonElement? Zones, string? Secret, string? Name, double? Lat, double? Lon);
}
