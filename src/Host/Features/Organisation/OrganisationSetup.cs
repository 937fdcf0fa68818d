namespace Mediation.Host.Features.Organisation;

public static class OrganisationSetup
{
    public static IServiceCollection AddMediationOrganisation(this IServiceCollection services)
    {
        services.AddOptions<SamplesOptions>().BindConfiguration(SamplesOptions.Section);
        services.AddScoped<OrgTree>();
        services.AddScoped<OrgMembers>();
        services.AddScoped<CandidateGroupResolver>();
        return services;
    }
}
