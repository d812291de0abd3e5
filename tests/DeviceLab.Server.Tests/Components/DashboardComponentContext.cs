using Bunit;
using DeviceLab.Server.Components.LocalTime;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace DeviceLab.Server.Tests.Components;

/// <summary>A bUnit context with what dashboard components need: MudBlazor's services, a TimeProvider, and loose
/// JS interop (MudBlazor's own calls answered with defaults; tests set up the calls they check). Disposed asynchronously,
/// as MudBlazor's services require.</summary>
public abstract class DashboardComponentContext : BunitContext, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only IAsyncDisposable: dispose the container asynchronously.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected DashboardComponentContext()
    {
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    protected static ViewerClock Berlin(TimeProvider? time = null) => ViewerClock.ForZone("Europe/Berlin", time ?? TimeProvider.System);
}
