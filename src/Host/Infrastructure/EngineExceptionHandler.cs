using Mediation.Workflows.Execution;
using Mediation.Workflows.Expressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Mediation.Host.Infrastructure;

/// <summary>Engine exceptions become ProblemDetails in this one place: a lost race is 409, an unknown key 404.</summary>
internal sealed class EngineExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception error, CancellationToken cancellationToken)
    {
        var (status, title) = error switch
        {
            ConcurrencyConflictException => (StatusCodes.Status409Conflict, "Someone else changed this case first; reload and try again"),
            WorkflowNotFoundException => (StatusCodes.Status404NotFound, error.Message),
            ExpressionException => (StatusCodes.Status422UnprocessableEntity, error.Message),
            BadHttpRequestException bad => (bad.StatusCode, "The request body could not be read: " + bad.Message),
            _ => (0, ""),
        };
        if (status == 0) return false;
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new()
        {
            HttpContext = http,
            Exception = error,
            ProblemDetails = new ProblemDetails { Status = status, Title = title },
        });
    }
}
