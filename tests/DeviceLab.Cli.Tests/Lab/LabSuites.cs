using System.Net.Http.Json;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Models;
using DeviceLab.Cli.Suites;
using DeviceLab.Core.Suites;

namespace DeviceLab.Cli.Tests.Lab;

/// <summary>Suites on the lab server (the CLI has no command to create one: teams do it in the dashboard or through the API).</summary>
internal static class LabSuites
{
    /// <summary>Admission that never waits: virtual devices simulate a battery.</summary>
    public static readonly AdmissionPolicy NoWait = new(0, 100, false, 100, 1_000);

    /// <summary>A suite over every variant of <paramref name="model"/> on the virtual devices.</summary>
    public static async Task<SuiteInfo> CreateAsync(LabServer lab, string name, ModelInfo model, SuiteParameters parameters)
    {
        using var client = lab.CreateOperatorClient();
        var response = await client.PostAsJsonAsync("api/v1/suites",
            new SuiteInput(name, model.Variants.Select(v => v.Id).ToList(), new DeviceSelector(["virtual"], []), parameters, null), ApiClient.Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SuiteInfo>(ApiClient.Json))!;
    }
}
