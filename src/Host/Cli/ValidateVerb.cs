using Mediation.Workflows.Bpmn.Validation;
using Mediation.Workflows.Definitions;
using Mediation.Workflows.Expressions;

namespace Mediation.Host.Cli;

/// <summary><c>validate &lt;file.bpmn&gt;...</c>: one line per finding; exit 0 clean, 1 when a file has an error, 2 on bad usage.</summary>
public static class ValidateVerb
{
    public static int Run(IReadOnlyList<string> files, TextWriter output, TextWriter error)
    {
        if (files.Count == 0)
        {
            error.WriteLine("usage: validate <file.bpmn> [<file.bpmn>...]");
            return 2;
        }
        var checker = new DefinitionChecker(new BpmnValidator(new JintExpressionEvaluator()));
        var anyError = false;
        foreach (var path in files)
        {
            IReadOnlyList<Finding> findings;
            if (!File.Exists(path))
            {
                findings = [Finding.Error("file-not-found", "The file does not exist.", null, new(0, 0))];
            }
            else if (new FileInfo(path).Length > Mediation.Workflows.Bpmn.BpmnReader.MaxBytes)
            {
                findings = [Finding.Error("too-large", $"The definition is {new FileInfo(path).Length:N0} bytes, larger than the accepted {Mediation.Workflows.Bpmn.BpmnReader.MaxBytes:N0} bytes.", null, new(1, 1))];
            }
            else
            {
                findings = CheckSafely(checker, path);
            }
            foreach (var finding in findings.OrderBy(f => f.Line).ThenBy(f => f.Column)) output.WriteLine(finding.Format(path));
            anyError |= findings.Any(f => f.Severity == Severity.Error);
        }
        return anyError ? 1 : 0;
    }

    // A validator bug must still yield a finding line for that file, not a stack trace that hides the other files.
    private static IReadOnlyList<Finding> CheckSafely(DefinitionChecker checker, string path)
    {
        try
        {
            return checker.Check(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [Finding.Error("validator-failure", $"The validator failed on this file ({e.GetType().Name}: {e.Message}); please report it.", null, new(1, 1))];
        }
    }
}
