using System.Net.Http.Json;
using Mediation.Host.Features.Cases;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Mediation.Host.Tests.Features.Cases.CaseTestData;

namespace Mediation.Host.Tests.Features.Cases;

/// <summary>Case numbers in a year of their own (a fixed clock), so the numbers are known exactly.</summary>
public abstract class CaseNumberTests(MediationAppFactory app)
{
    [Fact]
    public async Task Register_GivesTwentyParallelIntakesTheNumbersOneToTwenty_WithoutGapOrRepeat()
    {
        // A year no other test uses, in Asia/Shanghai: 2030-12-31 16:30 UTC is already 1 January 2031 there.
        using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<TimeProvider>(new FixedTime(new DateTimeOffset(2030, 12, 31, 16, 30, 0, TimeSpan.Zero)))));
        var admin = await host.LoginToAsync();
        await DeployContractKeysAsync(admin);
        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.LoginToAsync()));

        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => clients[i % clients.Length].RegisterAsync(Intake())));

        var numbers = created.Select(c => c.GetProperty("caseNumber").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, 20).Select(n => CaseNumbers.Format(2031, n)), numbers);
        Assert.All(created, c => Assert.Equal("InProgress", c.GetProperty("status").GetString()));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class CaseNumberTestsOnSqlite(SqliteAppFactory app) : CaseNumberTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CaseNumberTestsOnPostgreSql(PostgreSqlAppFactory app) : CaseNumberTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
