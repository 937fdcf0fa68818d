using System.Buffers.Binary;
using System.Diagnostics;
using Mediation.Workflows.Persistence.CommandLog;

namespace Mediation.Workflows.Tests.Persistence.CommandLog;

/// <summary>The log's files: what is appended reads back, a torn or stale tail ends the log, segments roll and are reused.</summary>
public sealed class CommandLogFileTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"mediation-log-{Guid.NewGuid():N}");
    private readonly SqlShapes shapes = new();

    [Fact]
    public void Append_ReadsBackEveryCommandAndShape_InOrder()
    {
        var insert = shapes.Get("INSERT INTO t (a) VALUES (@p0)", false, "t");
        var id = Guid.NewGuid();
        using (var log = CommandLogFile.Open(directory, shapes, 1 << 16))
        {
            log.Begin(id, 1);
            log.Append([Record(1, insert, 10L), Record(2, insert, "two")]);
            log.Append([Record(3, insert, null)]);
        }
        using var reopened = CommandLogFile.Open(directory, shapes, 1 << 16);
        var entries = reopened.ReadFrom(0).ToList();
        Assert.All(entries, e => Assert.Equal(id, e.Header.LogId));
        Assert.Equal([LogEntryType.Shape, LogEntryType.Command, LogEntryType.Command, LogEntryType.Command], entries.Select(e => e.Entry.Type));
        Assert.Equal([1L, 2L, 3L], Seqs(entries));
        var defined = new Dictionary<int, SqlShape> { [insert.Id] = insert };
        var values = entries.Where(e => e.Entry.Type == LogEntryType.Command)
            .Select(e => LoggedChange.Decode(e.Entry.Body[8..], defined)[0].Values[0]).ToList();
        Assert.Equal([10L, "two", null], values);
    }

    [Fact]
    public void ManySmallAppends_AcrossBlockBoundaries_ReadBackWhole()
    {
        // Direct writes (where the file system takes them) rewrite the last partial block with each append: every
        // command written before must still read back, whatever block it started or ended in.
        var insert = shapes.Get("INSERT INTO t (a) VALUES (@p0)", false, "t");
        using (var log = CommandLogFile.Open(directory, shapes, 1 << 20))
        {
            log.Begin(Guid.NewGuid(), 1);
            for (var seq = 1; seq <= 400; seq++) log.Append([Record(seq, insert, new string((char)('a' + seq % 26), seq % 97))]);
        }
        using var reopened = CommandLogFile.Open(directory, shapes, 1 << 20);
        var entries = reopened.ReadFrom(0).ToList();
        Assert.Equal(Enumerable.Range(1, 400).Select(s => (long)s), Seqs(entries));
        var defined = new Dictionary<int, SqlShape> { [insert.Id] = insert };
        var values = entries.Where(e => e.Entry.Type == LogEntryType.Command)
            .Select(e => (string)LoggedChange.Decode(e.Entry.Body[8..], defined)[0].Values[0]!).ToList();
        Assert.Equal(Enumerable.Range(1, 400).Select(s => new string((char)('a' + s % 26), s % 97)), values);
    }

    [Fact]
    public void AnAlignedBuffer_KeepsItsBytes_WhenItGrows()
    {
        var buffer = new AlignedBuffer(4096);
        buffer.Get(100).Fill(7);
        var grown = buffer.Get(20_000);
        Assert.Equal(20_000, grown.Length);
        Assert.All(grown[..100].ToArray(), b => Assert.Equal(7, b));
        Assert.All(buffer.Get(50).ToArray(), b => Assert.Equal(7, b));
    }

    [Fact]
    public void ATornLastWrite_EndsTheLog_BeforeIt()
    {
        var insert = shapes.Get("INSERT INTO t (a) VALUES (@p0)", false, "t");
        using (var log = CommandLogFile.Open(directory, shapes, 1 << 16))
        {
            log.Begin(Guid.NewGuid(), 1);
            log.Append([Record(1, insert, 1L)]);
            log.Append([Record(2, insert, 2L)]);
        }
        var file = Directory.GetFiles(directory, "segment-*.log").Single();
        var bytes = File.ReadAllBytes(file);
        var lastEntry = LastNonZero(bytes) - 3;   // inside the second command's body
        bytes[lastEntry] ^= 0xFF;
        File.WriteAllBytes(file, bytes);

        using var reopened = CommandLogFile.Open(directory, shapes, 1 << 16);
        Assert.Equal([1L], Seqs(reopened.ReadFrom(0).ToList()));
    }

    [Fact]
    public void AFullSegment_RollsToTheNext_AndADurableOneIsReused()
    {
        var insert = shapes.Get("INSERT INTO t (a) VALUES (@p0)", false, "t");
        var big = new string('x', 3000);
        using (var log = CommandLogFile.Open(directory, shapes, 8192, spares: false))
        {
            log.Begin(Guid.NewGuid(), 1);
            for (var seq = 1; seq <= 6; seq++) log.Append([Record(seq, insert, big)]);
            Assert.Equal(3, Directory.GetFiles(directory, "segment-*.log").Length);   // two commands of 3 KB in each
            log.Truncate(6);   // frees the two before the one being written
            for (var seq = 7; seq <= 12; seq++) log.Append([Record(seq, insert, big)]);
            Assert.Equal(4, Directory.GetFiles(directory, "segment-*.log").Length);   // without reuse: six
        }
        using var reopened = CommandLogFile.Open(directory, shapes, 8192);
        // Reused files keep older commands after their new ones; the salted checksums keep those out.
        Assert.Equal([7L, 8L, 9L, 10L, 11L, 12L], Seqs(reopened.ReadFrom(6).ToList()).Where(s => s > 6));
        Assert.Equal(Enumerable.Range(7, 6).Select(s => (long)s), Seqs(reopened.ReadFrom(6).ToList()).Where(s => s > 6).Order());
    }

    [Fact]
    public void ASecondOpen_OfTheSameDirectory_IsRefused()
    {
        using var log = CommandLogFile.Open(directory, shapes, 1 << 16);
        var refused = Assert.Throws<CommandLogInUseException>(() => CommandLogFile.Open(directory, shapes, 1 << 16));
        Assert.Contains("another process", refused.Message);
    }

    [Fact]
    public async Task AnOpen_WaitsForAHolderThatClosesWithinTheWait()
    {
        var holder = CommandLogFile.Open(directory, shapes, 1 << 16);
        var closed = Task.Run(async () =>
        {
            await Task.Delay(300);
            holder.Dispose();
        });

        var started = Stopwatch.GetTimestamp();
        using var log = CommandLogFile.Open(directory, shapes, 1 << 16, lockWait: TimeSpan.FromSeconds(30));

        // The lock is only let go by the holder's Dispose, after its 300 ms.
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(250));
        await closed;
        Assert.Throws<CommandLogInUseException>(() => CommandLogFile.Open(directory, shapes, 1 << 16, lockWait: TimeSpan.FromMilliseconds(200)));
    }

    private static CommandRecord Record(long seq, SqlShape shape, object? value)
    {
        var change = new LoggedChange([new PlainStatement(shape, [value])]);
        return new CommandRecord(seq, change.Payload, change.Shapes);
    }

    private static List<long> Seqs(IEnumerable<(SegmentHeader Header, LogEntry Entry)> entries)
        => entries.Where(e => e.Entry.Type == LogEntryType.Command).Select(e => BinaryPrimitives.ReadInt64LittleEndian(e.Entry.Body.Span)).ToList();

    private static int LastNonZero(byte[] bytes)
    {
        for (var i = bytes.Length - 1; i >= 0; i--) if (bytes[i] != 0) return i;
        return -1;
    }

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
