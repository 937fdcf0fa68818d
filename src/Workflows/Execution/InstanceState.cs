namespace Mediation.Workflows.Execution;

/// <summary>What an instance is doing now: its tokens. Stored as JSON on the instance row.</summary>
internal sealed class InstanceState
{
    public List<Token> Tokens { get; set; } = [];
}

internal enum TokenStatus
{
    Ready,
    Waiting,
    /// <summary>Held at a joining gateway until its siblings arrive; not a wait state a person or event ends.</summary>
    Joining,
}

/// <summary>A token: one thread of control sitting at (or about to run) one element.</summary>
internal sealed class Token
{
    public Guid Id { get; set; }
    public required string ElementId { get; set; }
    public TokenStatus Status { get; set; }
    /// <summary>The wait the token is parked on (a user task's id), so the right command can wake it.</summary>
    public Guid? BookmarkId { get; set; }
}
