namespace Mediation.Workflows.Tests;

/// <summary>Small BPMN documents written inline, so a test shows the whole model it runs.</summary>
internal static class BpmnText
{
    public const string Namespaces =
        """xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" """;

    /// <summary>One executable process <paramref name="processId"/> holding <paramref name="body"/>; the body starts on line 4.</summary>
    public static string Process(string processId, string body, string? beforeProcess = null) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions {Namespaces}id="Defs_{processId}" targetNamespace="http://example.com/mediation/tests">{beforeProcess}
          <process id="{processId}" isExecutable="true">
        {body}
          </process>
        </definitions>
        """;
}
