using DeviceLab.Core.Runs;
using DeviceLab.Server.Auth;

namespace DeviceLab.Server.Runs;

/// <summary>Who asked for a run over HTTP: a program with an API key (<see cref="RunTrigger.Api"/>) or a person signed in (<see cref="RunTrigger.Manual"/>).</summary>
internal static class RunRequester
{
    public static RunTrigger TriggerOf(HttpContext context) =>
        context.User.Identity?.AuthenticationType == DeviceLabSchemes.ApiKey ? RunTrigger.Api : RunTrigger.Manual;

    public static string? NameOf(HttpContext context) => context.User.Identity?.Name;
}
