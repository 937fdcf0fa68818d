namespace Mediation.Host.Features.Cases.Records;

/// <summary>The code lists of the case's records, camelCase as the API reads and writes them.</summary>
public static class RecordCodes
{
    /// <summary>
    /// The case file checklist (DOMAIN §2.3, a county's dossier list), in filing order, with its Chinese name and whether
    /// the file must hold it. The agreement is required only of a case that ends (or may still end) in agreement.
    /// </summary>
    public static IReadOnlyList<ChecklistItem> Checklist { get; } =
    [
        new("applicationForm", "申请书/受理登记表", Required: true),
        new("rightsNotice", "权利义务告知书", Required: true),
        new("identityDocument", "当事人身份证明", Required: true),
        new("powerOfAttorney", "授权委托书", Required: false),
        new("investigationRecord", "调查记录", Required: false),
        new("evidence", "证据材料", Required: false),
        new("sessionRecord", "调解笔录", Required: true),
        new("agreement", "调解协议书", Required: true),
        new("performanceProof", "履行凭证", Required: false),
        new("followUpRecord", "回访记录", Required: false),
        new("confirmationPapers", "司法确认材料", Required: false),
        new("fileNote", "卷内备考表", Required: false),
    ];

    public static IReadOnlyCollection<string> AttachmentKinds { get; } = Checklist.Select(i => i.Kind).ToArray();

    /// <summary>
    /// In what capacity someone is invited to a session (PML 20: relatives, neighbours, colleagues, people with special
    /// knowledge or experience, social organisations; locally the three chiefs, grid members, police and court).
    /// </summary>
    public static IReadOnlyCollection<string> InvitedCapacities { get; } =
    [
        "streetChief", "compoundChief", "buildingChief", "riverChief", "ditchChief", "canalChief", "volunteer", "gridMember",
        "police", "court", "judicialOffice", "lawyer", "legalAdviser", "localNotable", "cadre", "relative", "neighbour",
        "colleague", "expert", "organisation", "other",
    ];

    public static string Camel<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}

public sealed record ChecklistItem(string Kind, string Label, bool Required);
