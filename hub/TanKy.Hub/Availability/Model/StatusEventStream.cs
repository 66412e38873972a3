using Microsoft.Data.Sqlite;

namespace TanKy.Hub.Availability.Model;

/// <summary>
/// Reads <c>status_events</c> once, in (device, time) order along the index, and hands out one
/// device's events at a time: the report never holds more than one device's history.
/// </summary>
public sealed class StatusEventStream : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteDataReader _reader;
    private readonly List<StatusPoint> _buffer = [];
    private bool _hasRow;

    public StatusEventStream(SqliteConnection c, long toMs)
    {
        _command = c.CreateCommand();
        _command.CommandText = "SELECT device_id, ts, status FROM status_events INDEXED BY status_events_device_ts WHERE ts < $to ORDER BY device_id, ts";
        _command.Parameters.AddWithValue("$to", toMs);
        _reader = _command.ExecuteReader();
        _hasRow = _reader.Read();
    }

    /// <summary>The events of <paramref name="deviceId"/>; call with ids in ordinal order. The list is reused by the next call.</summary>
    public IReadOnlyList<StatusPoint> For(string deviceId)
    {
        _buffer.Clear();

        // Skip devices with events but no registry record at all (nothing to report them under).
        while (_hasRow && string.CompareOrdinal(_reader.GetString(0), deviceId) < 0)
        {
            _hasRow = _reader.Read();
        }

        while (_hasRow && _reader.GetString(0) == deviceId)
        {
            var status = _reader.GetString(2);
            if (status is Devices.DeviceStatus.Online or Devices.DeviceStatus.Offline)
            {
                _buffer.Add(new StatusPoint(_reader.GetInt64(1), status == Devices.DeviceStatus.Online));
            }

            _hasRow = _reader.Read();
        }

        return _buffer;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _command.Dispose();
    }
}
