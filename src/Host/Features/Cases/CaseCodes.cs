namespace Mediation.Host.Features.Cases;

/// <summary>The code lists of intake (DOMAIN §1 channels and sources, §3 categories and risk levels), camelCase as the BPMN files read them.</summary>
public static class CaseCodes
{
    /// <summary>Intake channels and the statistical source each counts as: a party asking (申请调解), mediators finding the
    /// dispute themselves (主动调解), or another body sending it (委托移送).</summary>
    public static IReadOnlyDictionary<string, CaseSource> Channels { get; } = new Dictionary<string, CaseSource>(StringComparer.Ordinal)
    {
        ["walkIn"] = CaseSource.Application,            // 来访
        ["phone"] = CaseSource.Application,             // a party's call, also through the 12345 hotline
        ["online"] = CaseSource.Application,            // mini-program
        ["gridScreening"] = CaseSource.Proactive,       // grid patrol, scheduled screening 排查
        ["householdVisit"] = CaseSource.Proactive,      // 户户走到, three-chiefs report
        ["policeReferral"] = CaseSource.Referral,       // 110 non-police incidents (警调对接)
        ["courtReferral"] = CaseSource.Referral,        // pre-filing delegation (诉调对接)
        ["petitionTransfer"] = CaseSource.Referral,     // 信访
        ["agencyReferral"] = CaseSource.Referral,       // another agency
    };

    public const string PoliceReferral = "policeReferral";
    public const string CourtReferral = "courtReferral";

    public static readonly string[] RiskLevels = ["low", "medium", "high", "critical"];

    /// <summary>Each category's default risk (DOMAIN §3; the higher one where it gives two); a collective dispute is at least high.</summary>
    public static IReadOnlyDictionary<string, string> Categories { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["marriageFamily"] = "medium",
        ["neighbour"] = "low",
        ["homestead"] = "medium",
        ["landContract"] = "medium",
        ["contract"] = "low",
        ["debt"] = "low",
        ["business"] = "low",
        ["damages"] = "medium",
        ["labour"] = "medium",
        ["wageArrears"] = "medium",
        ["villageAffairs"] = "medium",
        ["landAcquisition"] = "high",
        ["environment"] = "high",
        ["medical"] = "high",
        ["traffic"] = "medium",
        ["property"] = "medium",
        ["consumer"] = "low",
        ["other"] = "low",
    };

    /// <summary>The risk intake assumes when none is given: the category's default, raised to high for a collective dispute.</summary>
    public static string DefaultRisk(string category, bool collective)
    {
        var risk = Categories[category];
        return collective && Array.IndexOf(RiskLevels, risk) < Array.IndexOf(RiskLevels, "high") ? "high" : risk;
    }
}

/// <summary>The process keys of the shipped flows (the lead's contract).</summary>
public static class CaseProcesses
{
    public const string Joint = "JointMediation";
    public const string CourtDelegated = "CourtDelegatedMediation";
    public const string Police = "PoliceMediation";

    /// <summary>Court-delegated (or sent by a court) → the court's flow; a police referral of a public-order matter → the police flow; else joint mediation.</summary>
    public static string For(string channel, bool courtDelegated, bool securityMatter)
        => courtDelegated || channel == CaseCodes.CourtReferral ? CourtDelegated
            : channel == CaseCodes.PoliceReferral && securityMatter ? Police
            : Joint;
}
