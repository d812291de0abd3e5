using System.CommandLine;
using DeviceLab.Cli.Catalog;
using DeviceLab.Cli.Terminal;

namespace DeviceLab.Cli.Api;

/// <summary>
/// Runs the body of a command that talks to a server and turns the failures a user can cause into one line on standard
/// error and an exit code: <see cref="ApiException"/> (unreachable, key refused, unknown model, …) → <see cref="ApiExitCodes.ServerProblem"/>;
/// <see cref="CliInputException"/> and <see cref="CatalogException"/> (a bad file, an unknown catalog name) → <see cref="ApiExitCodes.InvalidCommandLine"/>.
/// Anything else is a bug and propagates with its stack trace.
/// </summary>
internal static class ServerAction
{
    public static async Task<int> RunAsync(
        ParseResult parseResult, ApiOptions api, Func<ApiClient, CommandTerminal, Task<int>> body,
        TimeSpan? timeout = null, int serverProblemExitCode = ApiExitCodes.ServerProblem)
    {
        var terminal = CommandTerminal.For(parseResult);
        try
        {
            using var client = api.CreateClient(parseResult, timeout);
            return await body(client, terminal);
        }
        catch (ApiException e)
        {
            terminal.Fail(e.Message);
            return serverProblemExitCode;
        }
        catch (Exception e) when (e is CliInputException or CatalogException)
        {
            terminal.Fail(e.Message);
            return ApiExitCodes.InvalidCommandLine;
        }
    }
}

/// <summary>Input the user gave that cannot be used (a missing or malformed file, a bad value); the message is one line.</summary>
public sealed class CliInputException(string message, Exception? inner = null) : Exception(message, inner);
