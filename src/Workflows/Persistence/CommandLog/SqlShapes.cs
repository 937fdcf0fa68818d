using System.Collections.Concurrent;

namespace Mediation.Workflows.Persistence.CommandLog;

/// <summary>
/// An SQL statement shape: its text with numbered parameters (<c>@p0</c>...), what kind of row it writes (for a
/// conflict's message), and whether it must touch exactly one row (an update or delete that checks a concurrency token).
/// </summary>
internal sealed record SqlShape(int Id, string Sql, bool ExpectOneRow, string What)
{
    /// <summary>The shape as a log segment defines it: number, flag, what, text.</summary>
    public byte[] Body { get; } = Encode(Id, Sql, ExpectOneRow, What);

    private static byte[] Encode(int id, string sql, bool expectOneRow, string what)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write7BitEncodedInt(id);
            writer.Write(expectOneRow);
            LogEntries.WriteString(writer, what);
            LogEntries.WriteString(writer, sql);
        }
        return buffer.ToArray();
    }

    /// <summary>A shape entry's number in its segment, and the shape it defines.</summary>
    public static (int SegmentId, string Sql, bool ExpectOneRow, string What) Decode(ReadOnlyMemory<byte> body)
    {
        using var reader = new BinaryReader(new MemoryStream(body.ToArray()));
        var id = reader.Read7BitEncodedInt();
        var expectOneRow = reader.ReadBoolean();
        var what = LogEntries.ReadString(reader);
        return (id, LogEntries.ReadString(reader), expectOneRow, what);
    }
}

/// <summary>
/// The statement shapes this process has used, numbered in order of first use. Log records name shapes by these
/// numbers; each segment defines the ones its records use, so the numbers only need to hold within a segment.
/// </summary>
internal sealed class SqlShapes
{
    public static SqlShapes Shared { get; } = new();

    private readonly ConcurrentDictionary<(string Sql, bool ExpectOneRow, string What), SqlShape> byKey = new();
    private readonly List<SqlShape> byId = [];
    private readonly Lock gate = new();

    public SqlShape Get(string sql, bool expectOneRow, string what)
    {
        if (byKey.TryGetValue((sql, expectOneRow, what), out var shape)) return shape;
        lock (gate)
        {
            return byKey.GetOrAdd((sql, expectOneRow, what), _ =>
            {
                var added = new SqlShape(byId.Count, sql, expectOneRow, what);
                byId.Add(added);
                return added;
            });
        }
    }

    public SqlShape this[int id]
    {
        get
        {
            lock (gate) return byId[id];
        }
    }

    public byte[] Body(int id) => this[id].Body;
}
