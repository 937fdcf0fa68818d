using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Mediation.Workflows.Persistence.CommandLog;

internal enum LogEntryType : byte
{
    /// <summary>First entry of a segment: the log it belongs to, its number, and the first sequence number it holds.</summary>
    Header = 1,
    /// <summary>An SQL statement shape (text, what it writes, whether it must touch one row), by a number the segment's commands use.</summary>
    Shape = 2,
    /// <summary>One command's change set: its sequence number and its statements' shapes and values.</summary>
    Command = 3,
    /// <summary>A command whose change set could not be written to the tables: recovery must not apply it.</summary>
    Void = 4,
}

/// <summary>One entry read back from a segment.</summary>
internal readonly record struct LogEntry(LogEntryType Type, ReadOnlyMemory<byte> Body);

/// <summary>
/// How entries sit in a segment: a 9-byte head (body length, CRC-32C, type) and the body. The CRC covers the segment's
/// number, the type and the body, so an entry left over from a segment file's earlier use (segments are reused) never
/// reads as valid, and a torn last write fails its check: a scan ends at the first entry that does not check out,
/// or at zeros (length 0), which is how a segment starts out.
/// </summary>
internal static class LogEntries
{
    public const int HeadSize = 9;
    public const uint Magic = 0x4C43444D;   // "MDCL"
    public const ushort Version = 1;
    public const int HeaderBodySize = 4 + 2 + 16 + 8 + 8;

    /// <summary>Writes one entry into <paramref name="target"/> (which must have room) and returns its length.</summary>
    public static int Write(Span<byte> target, long segment, LogEntryType type, ReadOnlySpan<byte> body)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(target, (uint)body.Length);
        target[8] = (byte)type;
        body.CopyTo(target[HeadSize..]);
        BinaryPrimitives.WriteUInt32LittleEndian(target[4..], Checksum(segment, target.Slice(8, 1 + body.Length)));
        return HeadSize + body.Length;
    }

    /// <summary>Writes a command entry (its sequence number, then its payload) straight into <paramref name="target"/>.</summary>
    public static int WriteCommand(Span<byte> target, long segment, long seq, ReadOnlySpan<byte> payload)
    {
        var length = 8 + payload.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(target, (uint)length);
        target[8] = (byte)LogEntryType.Command;
        BinaryPrimitives.WriteInt64LittleEndian(target[HeadSize..], seq);
        payload.CopyTo(target[(HeadSize + 8)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(target[4..], Checksum(segment, target.Slice(8, 1 + length)));
        return HeadSize + length;
    }

    public static byte[] HeaderBody(Guid logId, long segment, long firstSeq)
    {
        var body = new byte[HeaderBodySize];
        BinaryPrimitives.WriteUInt32LittleEndian(body, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(4), Version);
        logId.TryWriteBytes(body.AsSpan(6));
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(22), segment);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(30), firstSeq);
        return body;
    }

    /// <summary>The segment header at the start of <paramref name="data"/>, or null when there is none (a fresh or unreadable file).</summary>
    public static SegmentHeader? ReadHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeadSize + HeaderBodySize) return null;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (length != HeaderBodySize || data[8] != (byte)LogEntryType.Header) return null;
        var body = data.Slice(HeadSize, HeaderBodySize);
        if (BinaryPrimitives.ReadUInt32LittleEndian(body) != Magic || BinaryPrimitives.ReadUInt16LittleEndian(body[4..]) != Version) return null;
        var segment = BinaryPrimitives.ReadInt64LittleEndian(body[22..]);
        if (BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) != Checksum(segment, data.Slice(8, 1 + HeaderBodySize))) return null;
        return new SegmentHeader(new Guid(body.Slice(6, 16)), segment, BinaryPrimitives.ReadInt64LittleEndian(body[30..]));
    }

    /// <summary>The valid entries of a segment after its header, up to the first that does not check out.</summary>
    public static IEnumerable<LogEntry> Read(ReadOnlyMemory<byte> data, long segment)
    {
        var offset = HeadSize + HeaderBodySize;
        while (offset + HeadSize <= data.Length)
        {
            var head = data.Span.Slice(offset, HeadSize);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(head);
            if (length == 0 || length > data.Length - offset - HeadSize) yield break;
            var checksum = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
            if (checksum != Checksum(segment, data.Span.Slice(offset + 8, 1 + (int)length))) yield break;
            var type = (LogEntryType)head[8];
            if (type is not (LogEntryType.Shape or LogEntryType.Command or LogEntryType.Void)) yield break;
            yield return new LogEntry(type, data.Slice(offset + HeadSize, (int)length));
            offset += HeadSize + (int)length;
        }
    }

    /// <summary>CRC-32C (the CPU's instruction where there is one) of the segment number and <paramref name="data"/>.</summary>
    public static uint Checksum(long segment, ReadOnlySpan<byte> data)
    {
        var crc = BitOperations.Crc32C(~0u, (ulong)segment);
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var word in words) crc = BitOperations.Crc32C(crc, word);
        foreach (var b in data[(words.Length * 8)..]) crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }

    public static void WriteString(BinaryWriter writer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write7BitEncodedInt(bytes.Length);
        writer.Write(bytes);
    }

    public static string ReadString(BinaryReader reader) => Encoding.UTF8.GetString(reader.ReadBytes(reader.Read7BitEncodedInt()));
}

internal sealed record SegmentHeader(Guid LogId, long Segment, long FirstSeq);
