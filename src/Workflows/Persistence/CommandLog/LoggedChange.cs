namespace Mediation.Workflows.Persistence.CommandLog;

/// <summary>One statement with its parameters as SQLite stores them: null, long, double, string or byte[].</summary>
internal sealed record PlainStatement(SqlShape Shape, object?[] Values);

/// <summary>
/// A command's change set in the form the command log stores and the table writer runs: statements with plain
/// values (EF's value converters already applied: times as UTC ticks, enums as text, Guids as upper-case text, as
/// EF Core's SQLite provider writes them), and the same encoded as a log record's payload.
/// </summary>
internal sealed class LoggedChange
{
    private const byte Null = 0, Integer = 1, Real = 2, Text = 3, Blob = 4;

    public LoggedChange(IReadOnlyList<PlainStatement> statements)
    {
        Statements = statements;
        var shapes = new List<int>(statements.Count);
        foreach (var statement in statements)
        {
            if (!shapes.Contains(statement.Shape.Id)) shapes.Add(statement.Shape.Id);
        }
        Shapes = shapes;
        Payload = Encode(statements);
    }

    public IReadOnlyList<PlainStatement> Statements { get; }
    public byte[] Payload { get; }
    public IReadOnlyCollection<int> Shapes { get; }

    /// <summary>The value as Microsoft.Data.Sqlite would bind it for EF Core's SQLite provider.</summary>
    public static object? Plain(object? value) => value switch
    {
        null => null,
        string s => s,
        long l => l,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        bool b => b ? 1L : 0L,
        double d => d,
        float f => (double)f,
        Guid g => g.ToString().ToUpperInvariant(),
        byte[] bytes => bytes,
        _ => throw new NotSupportedException($"The command log cannot store a {value.GetType().Name} value; give the property a value converter."),
    };

    private static byte[] Encode(IReadOnlyList<PlainStatement> statements)
    {
        using var buffer = new MemoryStream(2048);
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write7BitEncodedInt(statements.Count);
            foreach (var statement in statements)
            {
                writer.Write7BitEncodedInt(statement.Shape.Id);
                writer.Write7BitEncodedInt(statement.Values.Length);
                foreach (var value in statement.Values) WriteValue(writer, value);
            }
        }
        return buffer.ToArray();
    }

    private static void WriteValue(BinaryWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.Write(Null);
                break;
            case long l:
                writer.Write(Integer);
                writer.Write7BitEncodedInt64(l);
                break;
            case double d:
                writer.Write(Real);
                writer.Write(d);
                break;
            case string s:
                writer.Write(Text);
                LogEntries.WriteString(writer, s);
                break;
            case byte[] bytes:
                writer.Write(Blob);
                writer.Write7BitEncodedInt(bytes.Length);
                writer.Write(bytes);
                break;
            default:
                throw new NotSupportedException($"Not a plain value: {value.GetType().Name}.");
        }
    }

    /// <summary>A record's statements, its shape numbers resolved through the shapes its segment defined.</summary>
    public static IReadOnlyList<PlainStatement> Decode(ReadOnlyMemory<byte> payload, IReadOnlyDictionary<int, SqlShape> shapes)
    {
        using var reader = new BinaryReader(new MemoryStream(payload.ToArray()));
        var statements = new PlainStatement[reader.Read7BitEncodedInt()];
        for (var i = 0; i < statements.Length; i++)
        {
            var id = reader.Read7BitEncodedInt();
            if (!shapes.TryGetValue(id, out var shape)) throw new CommandLogException($"a logged command names statement shape {id}, which its segment does not define");
            var values = new object?[reader.Read7BitEncodedInt()];
            for (var v = 0; v < values.Length; v++) values[v] = ReadValue(reader);
            statements[i] = new PlainStatement(shape, values);
        }
        return statements;
    }

    private static object? ReadValue(BinaryReader reader) => reader.ReadByte() switch
    {
        Null => null,
        Integer => reader.Read7BitEncodedInt64(),
        Real => reader.ReadDouble(),
        Text => LogEntries.ReadString(reader),
        Blob => reader.ReadBytes(reader.Read7BitEncodedInt()),
        var tag => throw new CommandLogException($"a logged value has an unknown tag {tag}"),
    };
}
