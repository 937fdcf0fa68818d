namespace Mediation.Host.Features.Tasks;

public static class TasksEndpoints
{
    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("Tasks");
        tasks.MapGet("/", ListTasks.Handle).WithName("ListTasks");
        tasks.MapPost("/{id:guid}/complete", CompleteTask.Handle).WithName("CompleteTask");
        tasks.MapPost("/{id:guid}/claim", ClaimTask.Claim).WithName("ClaimTask");
        tasks.MapPost("/{id:guid}/unclaim", ClaimTask.Unclaim).WithName("UnclaimTask");
        return app;
    }
}
