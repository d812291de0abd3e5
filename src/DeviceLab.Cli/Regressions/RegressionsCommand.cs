using System.CommandLine;

namespace DeviceLab.Cli.Regressions;

/// <summary><c>devicelab regressions …</c>: nightly regression detection from the command line.</summary>
public static class RegressionsCommand
{
    public static Command Create() => new("regressions", "Nightly regression detection: list regressions, gate CI on a run, evaluate the detector.")
    {
        ListCommand.Create(),
        GateCommand.Create(),
        EvaluateCommand.Create(),
        CeilingCommand.Create(),
    };
}
