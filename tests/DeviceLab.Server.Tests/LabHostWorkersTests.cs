using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Tests;

/// <summary><c>DeviceLab:LabHost:Workers</c>: the node's Hangfire workers, checked when the server starts.</summary>
public class LabHostWorkersTests
{
    private static ValidateOptionsResult Validate(int? workers) =>
        new DeviceLabOptionsValidation().Validate(null, new DeviceLabOptions { LabHost = new LabHostOptions { Name = "lab", Workers = workers } });

    [Fact]
    public void Without_a_setting_a_node_has_four_workers_per_processor_within_4_to_20()
    {
        var options = new LabHostOptions();

        Assert.Equal(Math.Clamp(Environment.ProcessorCount * 4, 4, 20), options.WorkerCount);
        Assert.True(Validate(null).Succeeded);
    }

    [Fact]
    public void A_node_for_many_networked_devices_can_have_more() =>
        Assert.Equal(40, new LabHostOptions { Workers = 40 }.WorkerCount);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(1001)]
    public void A_worker_count_out_of_range_stops_the_server_naming_the_key(int workers)
    {
        var result = Validate(workers);

        Assert.True(result.Failed);
        Assert.Contains($"DeviceLab:LabHost:Workers is {workers}: use 1–1000", result.FailureMessage);
    }
}
