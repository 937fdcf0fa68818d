using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Mediation.Workflows.Persistence.CommandLog;

/// <summary>
/// The command log's files: segments of a fixed size, written from the front with one write and one
/// <c>fdatasync</c> per batch of commands. On Linux the write is direct (<c>O_DIRECT</c>): whole 4 KiB blocks, the
/// last one written again with what it held, so the flush has no page-cache write-back to do first. A segment file is
/// filled with zeros when it is made and reused once every command in it is durable in the database, so an append
/// never grows a file or allocates blocks and the flush carries only the appended bytes. One process at a time: the
/// directory's lock file is held while it is open.
/// </summary>
internal sealed class CommandLogFile : IDisposable
{
    public const int DefaultSegmentSize = 16 << 20;
    private const int MaxFreeSlots = 4;
    private const string SlotPattern = "segment-*.log";

    private readonly string directory;
    private readonly int segmentSize;
    private readonly SqlShapes shapes;
    private readonly FileStream lockFile;
    private readonly List<Slot> slots = [];
    private readonly Lock gate = new();
    private readonly HashSet<int> definedShapes = [];
    private Slot? current;
    private long writeOffset;
    private long nextSegment = 1;
    private Guid logId;
    private Task? preparing;
    private int lastFileNumber;
    private readonly bool spares;

    private CommandLogFile(string directory, int segmentSize, SqlShapes shapes, FileStream lockFile, bool spares)
    {
        this.spares = spares;
        this.directory = directory;
        this.segmentSize = segmentSize;
        this.shapes = shapes;
        this.lockFile = lockFile;
    }

    public string Directory => directory;

    /// <summary>
    /// Opens (creating) the log in <paramref name="directory"/>; another process holding it past
    /// <paramref name="lockWait"/> is an error. With <paramref name="spares"/>, a segment half written has the next one
    /// made in the background.
    /// </summary>
    public static CommandLogFile Open(string directory, SqlShapes shapes, int segmentSize = DefaultSegmentSize, bool spares = true,
        TimeSpan lockWait = default)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.CreateDirectory(directory);
            DiskSync.Directory(Path.GetDirectoryName(Path.GetFullPath(directory))!);
        }
        var log = new CommandLogFile(directory, segmentSize, shapes, Lock(directory, lockWait), spares);
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, SlotPattern).Order(StringComparer.Ordinal))
        {
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            var head = new byte[LogEntries.HeadSize + LogEntries.HeaderBodySize];
            var read = RandomAccess.Read(handle, head, 0);
            log.slots.Add(new Slot(path, handle, RandomAccess.GetLength(handle)) { Header = LogEntries.ReadHeader(head.AsSpan(0, read)) });
            if (int.TryParse(Path.GetFileNameWithoutExtension(path)["segment-".Length..], out var number)) log.lastFileNumber = Math.Max(log.lastFileNumber, number);
        }
        return log;
    }

    /// <summary>
    /// Takes the log's lock file. A process that is still shutting down (a restart; an app stopped in a test while a
    /// new one starts) holds it for a moment longer: it is asked again every 50 ms until <paramref name="wait"/> is up.
    /// </summary>
    private static FileStream Lock(string directory, TimeSpan wait)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(Path.Combine(directory, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (Stopwatch.GetElapsedTime(started) >= wait)
            {
                throw new CommandLogInUseException($"another process has the command log {directory} open: one process per SQLite database", e);
            }
            catch (IOException)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>The segments' headers, oldest first (fresh files have none).</summary>
    public IReadOnlyList<SegmentHeader> Headers => slots.Where(s => s.Header is not null).Select(s => s.Header!).OrderBy(h => h.Segment).ToList();

    /// <summary>
    /// Every entry of the segments that may hold commands after <paramref name="appliedSeq"/>, oldest first, each with
    /// its segment's header: the segments before the last one starting at or before it hold none.
    /// </summary>
    public IEnumerable<(SegmentHeader Header, LogEntry Entry)> ReadFrom(long appliedSeq)
    {
        var used = slots.Where(s => s.Header is not null).OrderBy(s => s.Header!.Segment).ToList();
        var start = Math.Max(0, used.FindLastIndex(s => s.Header!.FirstSeq <= appliedSeq + 1));
        foreach (var slot in used.Skip(start))
        {
            var data = new byte[slot.Size];
            var read = RandomAccess.Read(slot.Handle, data, 0);
            foreach (var entry in LogEntries.Read(data.AsMemory(0, read), slot.Header!.Segment)) yield return (slot.Header, entry);
        }
    }

    /// <summary>
    /// Starts writing for <paramref name="id"/>: every segment there is holds only commands already durable in the
    /// database, so all are free, and the next append opens segment <paramref name="segment"/>.
    /// </summary>
    public void Begin(Guid id, long segment)
    {
        logId = id;
        nextSegment = segment;
        current = null;
        foreach (var slot in slots) slot.Free = true;
    }

    /// <summary>Appends the commands (defining in the segment any statement shape it has not defined yet) and flushes them to the disk.</summary>
    public void Append(IReadOnlyList<CommandRecord> commands)
    {
        if (commands.Count == 0) return;
        var records = 0;
        foreach (var command in commands) records += LogEntries.HeadSize + 8 + command.Payload.Length;
        var fresh = ShapesToDefine(commands, all: false);
        var size = records + ShapesSize(fresh);
        if (current is null || writeOffset + size > current.Size)
        {
            // A new segment defines every shape its commands use.
            fresh = ShapesToDefine(commands, all: true);
            size = records + ShapesSize(fresh);
            Roll(commands[0].Seq, size);
        }
        Write(commands[^1].Seq, span =>
        {
            var at = 0;
            foreach (var shape in fresh) at += LogEntries.Write(span[at..], current!.Header!.Segment, LogEntryType.Shape, shapes.Body(shape));
            foreach (var command in commands) at += LogEntries.WriteCommand(span[at..], current!.Header!.Segment, command.Seq, command.Payload);
            return at;
        }, size);
        definedShapes.UnionWith(fresh);
    }

    /// <summary>The shapes the commands use that the segment has not defined yet (all of them for a new segment).</summary>
    private List<int> ShapesToDefine(IReadOnlyList<CommandRecord> commands, bool all)
    {
        var fresh = new List<int>();
        foreach (var command in commands)
        {
            foreach (var shape in command.Shapes)
            {
                if ((all || !definedShapes.Contains(shape)) && !fresh.Contains(shape)) fresh.Add(shape);
            }
        }
        return fresh;
    }

    private int ShapesSize(List<int> ids)
    {
        var size = 0;
        foreach (var id in ids) size += LogEntries.HeadSize + shapes.Body(id).Length;
        return size;
    }

    /// <summary>Records that these commands' change sets were not written to the tables, so recovery skips them.</summary>
    public void AppendVoids(IReadOnlyList<long> seqs)
    {
        if (seqs.Count == 0) return;
        var size = seqs.Count * (LogEntries.HeadSize + 8);
        if (current is null || writeOffset + size > current.Size) Roll(seqs[0], size);
        Write(current!.MaxSeq, span =>
        {
            var at = 0;
            Span<byte> body = stackalloc byte[8];
            foreach (var seq in seqs)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(body, seq);
                at += LogEntries.Write(span[at..], current!.Header!.Segment, LogEntryType.Void, body);
            }
            return at;
        }, size);
    }

    /// <summary>Frees every segment but the one being written whose commands are all durable in the database.</summary>
    public void Truncate(long durableSeq)
    {
        lock (gate)
        {
            foreach (var slot in slots.Where(s => s != current && !s.Free && s.MaxSeq <= durableSeq)) slot.Free = true;
            foreach (var extra in slots.Where(s => s.Free).Skip(MaxFreeSlots).ToList())
            {
                extra.Handle.Dispose();
                extra.Direct?.Dispose();
                File.Delete(extra.Path);
                slots.Remove(extra);
            }
        }
    }

    private delegate int Fill(Span<byte> target);

    /// <summary>
    /// Writes what <paramref name="fill"/> puts in a buffer at the end of the segment, flushes it, and moves on. A direct
    /// write covers whole blocks, so it starts with the bytes already written in the last, partial block, which the
    /// buffer keeps at its front between writes.
    /// </summary>
    private void Write(long lastSeq, Fill fill, int size)
    {
        var segment = current!;
        var direct = DirectHandle(segment);
        var tail = direct is null ? 0 : (int)(writeOffset % DirectBlock);
        var head = writeOffset == 0 ? LogEntries.HeadSize + LogEntries.HeaderBodySize : 0;
        var span = aligned.Get(tail + head + size + (direct is null ? 0 : DirectBlock));
        var at = tail;
        if (writeOffset == 0)
        {
            var header = segment.Header!;
            at += LogEntries.Write(span, header.Segment, LogEntryType.Header, LogEntries.HeaderBody(header.LogId, header.Segment, header.FirstSeq));
        }
        at += fill(span[at..]);
        if (direct is null)
        {
            RandomAccess.Write(segment.Handle, span[..at], writeOffset);
            DiskSync.Data(segment.Handle);
        }
        else
        {
            var blocks = (at + DirectBlock - 1) / DirectBlock * DirectBlock;
            span[at..blocks].Clear();
            RandomAccess.Write(direct, span[..blocks], writeOffset - tail);
            DiskSync.Data(direct);
        }
        writeOffset += at - tail;
        if (direct is not null)
        {
            var newTail = (int)(writeOffset % DirectBlock);
            span.Slice(at - newTail, newTail).CopyTo(span);
        }
        segment.MaxSeq = Math.Max(segment.MaxSeq, lastSeq);
        if (spares && writeOffset > segment.Size / 2) PrepareSpareInBackground();
    }

    /// <summary>The segment's handle for direct writes; null where the file system refuses them (then not asked again).</summary>
    private SafeFileHandle? DirectHandle(Slot segment)
    {
        if (directRefused) return null;
        segment.Direct ??= DiskSync.OpenDirect(segment.Path, DirectBlock);
        directRefused = segment.Direct is null;
        return segment.Direct;
    }

    /// <summary>Direct writes go in whole blocks of this size, at offsets that are multiples of it.</summary>
    private const int DirectBlock = 4096;

    /// <summary>The bytes of each write (pinned and block-aligned, as direct writes need them).</summary>
    private readonly AlignedBuffer aligned = new(DirectBlock);
    private bool directRefused;

    /// <summary>Moves to a free segment (or a new one) that holds <paramref name="size"/> bytes after its header.</summary>
    private void Roll(long firstSeq, int size)
    {
        var needed = size + LogEntries.HeadSize + LogEntries.HeaderBodySize;
        Slot? slot;
        lock (gate)
        {
            slot = slots.FirstOrDefault(s => s.Free && s != current && s.Size >= needed);
            if (slot is not null) slot.Free = false;
        }
        slot ??= MakeSlot(Math.Max(segmentSize, needed), free: false);
        slot.Header = new SegmentHeader(logId, nextSegment++, firstSeq);
        slot.MaxSeq = 0;
        lock (gate) current = slot;
        writeOffset = 0;
        definedShapes.Clear();
    }

    private void PrepareSpareInBackground()
    {
        lock (gate)
        {
            if (preparing is { IsCompleted: false } || slots.Any(s => s.Free && s != current)) return;
            preparing = Task.Run(() => MakeSlot(segmentSize, free: true));
        }
    }

    /// <summary>A new segment file, zero-filled and flushed with its directory entry, so that appends to it allocate nothing.</summary>
    private Slot MakeSlot(long size, bool free)
    {
        var path = Path.Combine(directory, $"segment-{Interlocked.Increment(ref lastFileNumber):D6}.log");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite);
        var zeros = new byte[64 << 10];   // under the large-object threshold: a segment now and then must not cost a full GC
        for (long at = 0; at < size; at += zeros.Length) RandomAccess.Write(handle, zeros.AsSpan(0, (int)Math.Min(zeros.Length, size - at)), at);
        DiskSync.Data(handle);
        DiskSync.Directory(directory);
        var slot = new Slot(path, handle, size) { Free = free };
        lock (gate) slots.Add(slot);
        return slot;
    }

    public void Dispose()
    {
        try
        {
            preparing?.Wait();
        }
        catch (AggregateException)
        {
            // A spare that could not be made is only a missed optimisation; the next start makes its own.
        }
        foreach (var slot in slots)
        {
            slot.Handle.Dispose();
            slot.Direct?.Dispose();
        }
        lockFile.Dispose();
    }

    private sealed class Slot(string path, SafeFileHandle handle, long size)
    {
        public string Path { get; } = path;
        public SafeFileHandle Handle { get; } = handle;
        public long Size { get; } = size;
        public SegmentHeader? Header { get; set; }
        public long MaxSeq { get; set; }
        public bool Free { get; set; }
        public SafeFileHandle? Direct { get; set; }
    }
}

/// <summary>One command's change set as the log stores it.</summary>
internal sealed record CommandRecord(long Seq, byte[] Payload, IReadOnlyCollection<int> Shapes);

/// <summary>The command log cannot be opened or written; the message says why in one line.</summary>
public class CommandLogException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Another process (a running Host) holds the command log.</summary>
public sealed class CommandLogInUseException(string message, Exception inner) : CommandLogException(message, inner);

/// <summary>
/// A pinned buffer whose span starts on a block boundary, as direct I/O needs. It grows as asked, keeping what it held.
/// </summary>
internal sealed class AlignedBuffer(int alignment)
{
    private byte[] array = [];
    private int start;
    private int length;

    public Span<byte> Get(int size)
    {
        if (size > length)
        {
            var grown = GC.AllocateArray<byte>(size + alignment, pinned: true);
            var address = (long)System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(grown, 0);
            var at = (int)((alignment - address % alignment) % alignment);
            array.AsSpan(start, length).CopyTo(grown.AsSpan(at));
            (array, start, length) = (grown, at, size);
        }
        return array.AsSpan(start, size);
    }
}
