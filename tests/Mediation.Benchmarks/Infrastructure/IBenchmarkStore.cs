using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Benchmarks.Infrastructure;

/// <summary>
/// One provider's side of a run: registers the engine's context as the Host does for that provider, makes sure the
/// database exists, names it in the result line, and removes it afterwards when the run created it for itself.
/// </summary>
internal interface IBenchmarkStore : IAsyncDisposable
{
    /// <summary>Where the tables are, for the progress lines on stderr.</summary>
    string Location { get; }

    /// <summary>The user named this database (<c>--file</c>, a Database in <c>--connection</c>): it is kept and may hold earlier runs.</summary>
    bool Given { get; }

    /// <summary>The pooled context factory and the <c>IWorkflowDbFactory</c> over it, with the benchmark's interceptors after the product's.</summary>
    void AddWorkflowDb(IServiceCollection services, IInterceptor[] interceptors);

    /// <summary>Creates the database if missing, before the migrations run.</summary>
    Task PrepareAsync(CancellationToken ct);

    /// <summary>CPU time so far of the database server's processes when they run on this machine, else null.</summary>
    TimeSpan? ServerCpuTime();

    /// <summary>The provider and its durability settings, as the result line names them.</summary>
    Task<string> DescribeAsync(CancellationToken ct);
}
