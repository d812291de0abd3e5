using DeviceLab.Server;
using Microsoft.Extensions.Options;

// The DeviceLab server: dashboard, API, jobs. Configuration: README.md#configuration.
var builder = WebApplication.CreateBuilder(ServerContentRoot.Options(args));
builder.AddDeviceLabServer();
var app = builder.Build();
app.MapDeviceLabServer();

try
{
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is DeviceLabStartupException or OptionsValidationException)
{
    // A configuration problem: one clear message, no stack trace.
    Console.Error.WriteLine($"DeviceLab cannot start: {e.Message}");
    return 2;
}
