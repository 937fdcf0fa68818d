using System.Buffers.Binary;
using Microsoft.Extensions.Logging;

namespace Mediation.Workflows.Persistence.CommandLog;

/// <summary>
/// Writes back into the database the logged commands it does not hold: those after its <c>AppliedSeq</c> that were not
/// voided, in order, each in its own durable transaction. A command that no longer applies is reported and skipped.
/// </summary>
internal static class Recovery
{
    /// <summary>Replays what is missing; returns the highest sequence and segment numbers the log holds.</summary>
    public static (long LastSeq, long LastSegment) Replay(CommandLogFile log, TableWriter writer, long applied, ILogger logger)
    {
        var shapes = new Dictionary<long, Dictionary<int, SqlShape>>();
        var missing = new List<(long Seq, IReadOnlyList<PlainStatement> Statements)>();
        var voided = new HashSet<long>();
        var lastSeq = applied;
        foreach (var (header, entry) in log.ReadFrom(applied))
        {
            var defined = shapes.TryGetValue(header.Segment, out var known) ? known : shapes[header.Segment] = [];
            switch (entry.Type)
            {
                case LogEntryType.Shape:
                    var (id, sql, expectOneRow, what) = SqlShape.Decode(entry.Body);
                    defined[id] = SqlShapes.Shared.Get(sql, expectOneRow, what);
                    break;
                case LogEntryType.Command:
                    var seq = BinaryPrimitives.ReadInt64LittleEndian(entry.Body.Span);
                    lastSeq = Math.Max(lastSeq, seq);
                    if (seq > applied) missing.Add((seq, LoggedChange.Decode(entry.Body[8..], defined)));
                    break;
                case LogEntryType.Void:
                    voided.Add(BinaryPrimitives.ReadInt64LittleEndian(entry.Body.Span));
                    break;
            }
        }
        var replay = missing.Where(m => !voided.Contains(m.Seq)).OrderBy(m => m.Seq).ToList();
        if (missing.Count > 0 && missing.Min(m => m.Seq) != applied + 1)
        {
            throw new CommandLogException(
                $"the command log {log.Directory} goes on from command {missing.Min(m => m.Seq)}, but the database holds the commands up to " +
                $"{applied} only: the ones in between are lost. If the database was copied back from elsewhere, move {log.Directory} away and start again.");
        }
        foreach (var (seq, statements) in replay)
        {
            var error = writer.Apply([(seq, new LoggedChange(statements))])[0];
            if (error is not null)
            {
                logger.LogError(error, "Logged command {Seq} could not be written back into the database and is skipped: {Message}", seq, error.Message);
            }
        }
        if (replay.Count > 0) logger.LogWarning("Recovered {Count} logged commands the database had lost (up to {Last}).", replay.Count, lastSeq);
        var segments = log.Headers;
        return (lastSeq, segments.Count == 0 ? 0 : segments.Max(h => h.Segment));
    }
}
