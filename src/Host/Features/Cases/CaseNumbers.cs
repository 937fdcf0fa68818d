using Mediation.Host.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Cases;

/// <summary>
/// Case numbers <c>XT-2026-000123</c>: per year, from 1, without gaps or repeats. The year's counter row is raised by
/// one statement inside the transaction that inserts the case: concurrent intakes queue on that row (PostgreSQL's row
/// lock, SQL Server's key lock) or on the database's write lock (SQLite, whose EF transactions begin IMMEDIATE), and an
/// intake that rolls back takes its number back with it.
/// </summary>
public static class CaseNumbers
{
    public const string Prefix = "XT";

    public static string Format(int year, int sequence) => $"{Prefix}-{year}-{sequence:D6}";

    /// <summary>The next number of <paramref name="year"/>; call inside the transaction that inserts the case.</summary>
    public static async Task<int> NextAsync(HostDbContext db, int year, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A case number is taken inside the case's transaction.");
        var sql = db is SqlServerHostDbContext
            ? (FormattableString)$"""
               MERGE [CaseNumberCounters] WITH (HOLDLOCK) AS c USING (SELECT {year} AS [Year]) AS s ON c.[Year] = s.[Year]
               WHEN MATCHED THEN UPDATE SET [Last] = c.[Last] + 1
               WHEN NOT MATCHED THEN INSERT ([Year], [Last]) VALUES (s.[Year], 1)
               OUTPUT inserted.[Last] AS [Value];
               """
            : $"""
               INSERT INTO "CaseNumberCounters" ("Year", "Last") VALUES ({year}, 1)
               ON CONFLICT ("Year") DO UPDATE SET "Last" = "CaseNumberCounters"."Last" + 1
               RETURNING "Last" AS "Value"
               """;
        var values = await db.Database.SqlQuery<int>(sql).ToListAsync(ct);
        return values.Single();
    }
}
