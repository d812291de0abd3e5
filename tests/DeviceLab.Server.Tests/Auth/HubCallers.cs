using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeviceLab.Server.Tests.Auth;

/// <summary>
/// Calls every method of a hub as a given caller through the real SignalR client (long polling over the test server),
/// and says whether SignalR refused it for authorization — connecting (the hub's policy) or invoking (the method's).
/// </summary>
public static class HubCallers
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);

    /// <returns>Per method: the outcome (a refused connection counts as the caller's outcome for every method).</returns>
    public static async Task<Dictionary<HubMethod, Outcome>> CallAllAsync(WebApplicationFactory<Program> factory, string path,
        IReadOnlyList<HubMethod> methods, (string Header, string Value)? credential)
    {
        var outcomes = new Dictionary<HubMethod, Outcome>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, path), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                if (credential is { } c) options.Headers[c.Header] = c.Value;
            })
            .Build();
        try
        {
            await connection.StartAsync();
        }
        catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var refused = e.StatusCode == HttpStatusCode.Unauthorized ? Outcome.Unauthenticated : Outcome.Forbidden;
            foreach (var method in methods) outcomes[method] = refused;
            return outcomes;
        }
        foreach (var method in methods) outcomes[method] = await InvokeAsync(connection, method);
        return outcomes;
    }

    private static async Task<Outcome> InvokeAsync(HubConnection connection, HubMethod method)
    {
        var arguments = method.Method.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken))
            .Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null).ToArray();
        using var timeout = new CancellationTokenSource(CallTimeout);
        try
        {
            if (IsStreaming(method.Method.ReturnType))
            {
                await foreach (var _ in connection.StreamAsyncCore<object?>(method.Method.Name, arguments, timeout.Token)) break;
            }
            else
            {
                await connection.InvokeCoreAsync(method.Method.Name, typeof(object), arguments, timeout.Token);
            }
            return Outcome.Allowed;
        }
        catch (HubException e) when (e.Message.Contains("unauthorized", StringComparison.OrdinalIgnoreCase))
        {
            return Outcome.Forbidden;
        }
        catch (Exception e) when (e is HubException or OperationCanceledException or InvalidOperationException)
        {
            return Outcome.Allowed; // the call reached the method (bad default arguments, or it waits for something)
        }
    }

    private static bool IsStreaming(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>) ||
                               type.GetGenericTypeDefinition() == typeof(System.Threading.Channels.ChannelReader<>)) ||
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>) && IsStreaming(type.GetGenericArguments()[0]);
}
