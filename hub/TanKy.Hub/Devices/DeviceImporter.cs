using TanKy.Hub.Shared.Text;
using System.Globalization;
using Microsoft.VisualBasic.FileIO;
using TanKy.Protocol;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using TanKy.Hub.Shared.Data;
using TanKy.Hub.Shared.Files;

namespace TanKy.Hub.Devices;

/// <summary>
/// <c>devices import FILE</c>: YAML (zones and devices) or CSV (devices). The whole file is one
/// transaction: one bad row and nothing is imported, and the error names the line.
/// </summary>
public sealed class DeviceImporter(Database db, DeviceRegistry registry, ZoneRegistry zones)
{
    /// <summary>
    /// Caps of a commune file (issue #14): 4 MB is some 25,000 devices; a commune and device
    /// list nests 4 levels. Checked before parsing, so a hostile file is an error, not a crash.
    /// </summary>
    public static InputFileLimits Limits { get; } = new(4L * 1024 * 1024, InputFileLimits.DefaultMaxDepth);

    public IReadOnlyList<ImportResult> ImportFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new RegistryException("api2.import.no-file", path);
        }

        if (new FileInfo(path).Length is var size && size > Limits.MaxBytes)
        {
            throw new RegistryException(BoundedFile.TooLarge(size, Limits.MaxBytes).TextAt(path));
        }

        var ext = Path.GetExtension(path).ToLowerInvariant();
        var commune = ext switch
        {
            ".yaml" or ".yml" => ReadYaml(path),
            ".csv" => ReadCsv(path),
            _ => throw new RegistryException("api2.import.bad-ext", path),
        };
        return Import(commune, path);
    }

    public IReadOnlyList<ImportResult> Import(CommuneFile commune, string source)
    {
        foreach (var z in commune.Zones)
        {
            zones.Add(z.Id, z.Name); // zones are idempotent upserts; safe outside the device transaction
        }

        var results = new List<ImportResult>();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        foreach (var d in commune.Devices)
        {
            try
            {
                if (!DeviceKinds.TryParse(d.Kind, out var kind))
                {
                    throw new RegistryException($"unknown kind '{d.Kind}' (speaker, wifi-ap, camera, led-board, gateway)");
                }

                var device = new NewDevice(d.Id, kind.Value, d.Zones, d.Name, d.Lat, d.Lon, d.Notes);
                var exists = registry.Get(d.Id) is not null;
                if (exists)
                {
                    registry.Update(c, tx, device);
                    results.Add(new ImportResult(d.Id, "updated", null));
                }
                else
                {
                    results.Add(new ImportResult(d.Id, "added", registry.Insert(c, tx, device)));
                }
            }
            catch (RegistryException ex)
            {
                throw new RegistryException($"{source}:{d.Line}: {ex.Message}");
            }
        }

        tx.Commit();
        // New and moved speakers got their desired zones in the same transaction: publish them now if this is the hub.
        registry.NotifyDesiredWritten();
        return results;
    }

    private static CommuneFile ReadYaml(string path)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        try
        {
            var text = BoundedFile.ReadAllText(path, Limits.MaxBytes);
            YamlGuard.Check(text, Limits);
            var parser = new Parser(new StringReader(text));
            var file = deserializer.Deserialize<CommuneFile>(parser) ?? new CommuneFile();
            AssignLines(text, file);
            return file;
        }
        catch (InputFileException ex)
        {
            throw new RegistryException(ex.TextAt(path));
        }
        catch (YamlException ex)
        {
            throw new RegistryException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    // YamlDotNet does not report positions of deserialised objects: find each "id:" line instead.
    private static void AssignLines(string text, CommuneFile file)
    {
        var lines = text.Split('\n');
        foreach (var d in file.Devices)
        {
            var i = Array.FindIndex(lines, l => l.Contains("id: " + d.Id, StringComparison.Ordinal));
            d.Line = i + 1;
        }
    }

    private static CommuneFile ReadCsv(string path)
    {
        // TextFieldParser (in the shared framework) handles quoted fields such as "Khối 1, Tân Kỳ".
        using var parser = new TextFieldParser(path, System.Text.Encoding.UTF8) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()?.Select(h => h.ToLowerInvariant()).ToList() ?? [];
        if (!new[] { "id", "kind", "zones" }.All(header.Contains))
        {
            throw new RegistryException($"{path}:1: the header needs the columns id, kind, zones (optional: name, lat, lon, notes)");
        }

        var file = new CommuneFile();
        while (!parser.EndOfData)
        {
            var line = (int)parser.LineNumber;
            string[] fields;
            try
            {
                fields = parser.ReadFields() ?? [];
            }
            catch (MalformedLineException ex)
            {
                throw new RegistryException($"{path}:{ex.LineNumber}: malformed CSV line");
            }

            string? Field(string name) => header.IndexOf(name) is var i and >= 0 && i < fields.Length && fields[i].Length > 0 ? fields[i] : null;
            file.Devices.Add(new CommuneFile.DeviceEntry
            {
                Id = Field("id") ?? "",
                Kind = Field("kind") ?? "",
                Name = Field("name"),
                Zones = (Field("zones") ?? "").Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                Lat = Number(Field("lat"), "lat", path, line),
                Lon = Number(Field("lon"), "lon", path, line),
                Notes = Field("notes"),
                Line = line,
            });
        }

        return file;
    }

    private static double? Number(string? text, string name, string path, int line) =>
        text is null ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
        : throw new RegistryException($"{path}:{line}: {name} '{text}' is not a number");
}
