namespace Mediation.Host.Features.Points;

/// <summary><c>Mediation:Points</c>: the ledger's limits and how the rules read the journal.</summary>
public sealed class PointsOptions
{
    public const string Section = "Mediation:Points";

    /// <summary>The most one account may earn on one case, all rules and manual awards together (DOMAIN §5: per-case caps).</summary>
    public int MaxPerCase { get; set; } = 10;

    /// <summary>How long a run keeps looking again at journal entries it has seen (ids committed out of order on PostgreSQL).</summary>
    public TimeSpan RescanWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Journal entries read per query.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Write the default earning rules on the first start (they stay editable; set false for none).</summary>
    public bool SeedDefaultRules { get; set; } = true;

    /// <summary>The public board's "mediation service +N" counts the points of this many days.</summary>
    public int BoardDays { get; set; } = 30;
}
