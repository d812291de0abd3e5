using System.CommandLine;

namespace DeviceLab.Cli.Api;

/// <summary>
/// The <c>--server</c> and <c>--api-key</c> options every server command takes, and the client they make. Add them to a
/// command with <see cref="AddTo"/>; in its action, <see cref="CreateClient"/>.
/// </summary>
public sealed class ApiOptions
{
    public Option<string?> Server { get; } = new("--server")
    {
        HelpName = "URL",
        Description = $"DeviceLab server address (default: ${ApiEndpoint.ServerVariable}, else {ApiEndpoint.DefaultServer}).",
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        HelpName = "KEY",
        Description = $"API key (default: ${ApiEndpoint.ApiKeyVariable}). Prefer the variable: arguments show up in process lists.",
    };

    public Command AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(ApiKey);
        return command;
    }

    /// <exception cref="ApiException">The server address is not a URL.</exception>
    /// <param name="timeout">Longest wait for one exchange (default <see cref="ApiClient.DefaultTimeout"/>).</param>
    public ApiClient CreateClient(ParseResult parseResult, TimeSpan? timeout = null) =>
        new(ApiEndpoint.Resolve(parseResult.GetValue(Server), parseResult.GetValue(ApiKey)), timeout: timeout);
}
