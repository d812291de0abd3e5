using DeviceLab.Agent.Admission;
using DeviceLab.Agent.Output;
using DeviceLab.Agent.Telemetry;
using DeviceLab.Agent.Tests.Output;
using DeviceLab.Agent.Tests.Telemetry;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Tests.Admission;

public sealed class AdmissionGateTests : IDisposable
{
    private readonly PreparedKernelTree _tree = new();
    private readonly SteppingTimeProvider _time = new();
    private readonly TelemetrySampler _sampler;
    private int _reads;

    public AdmissionGateTests()
    {
        var events = new AgentEventStream(new RecordingEventTarget(), new AgentClock(_time));
        _sampler = new TelemetrySampler([new PowerSupplySource(_tree.SysfsRoot), new ThermalZoneSource(_tree.SysfsRoot)], events, TimeSpan.FromMilliseconds(250));
    }

    public void Dispose()
    {
        _sampler.Dispose();
        _tree.Dispose();
    }

    private static readonly AdmissionSettings CoolBattery = new()
    {
        MaxBatteryTemperatureC = 40, RequireNotCharging = true, MinBatteryPercent = 20, MaxBatteryPercent = 100,
        TimeoutMs = 60_000, PollIntervalMs = 5_000,
    };

    /// <summary>Each poll, the tree is set by <paramref name="atRead"/> (given the read count) before it is sampled.</summary>
    private AdmissionGate Gate(AdmissionSettings policy, Action<int> atRead) => new(policy, () =>
    {
        atRead(_reads++);
        return _sampler.SampleNow();
    }, _time);

    [Fact]
    public async Task Waits_until_the_battery_has_cooled_and_records_what_it_waited_for()
    {
        // 45 °C, cooling 1 °C per 5-second poll: 40 °C is reached at the sixth poll, 25 s later.
        var gate = Gate(CoolBattery, read => _tree.SetBattery(4_000_000, -300_000, 2_000_000, 70, 450 - read * 10, "Discharging"));

        var record = await gate.WaitAsync("q4_0", 2, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(record.Admitted);
        Assert.False(record.Forced);
        Assert.Equal(6, record.Polls);
        Assert.Equal(25_000, record.WaitedMs, 6);
        Assert.Equal(["battery temperature 45 °C > 40 °C"], record.WaitedFor);
        Assert.Empty(record.Unmet);
        Assert.Equal(40, record.Conditions!.BatteryTemperatureC);
        Assert.Equal(SampleSource.Sysfs, record.Conditions.Source);
        Assert.Equal("q4_0", record.Variant);
        Assert.Equal(2, record.Repetition);
    }

    [Fact]
    public async Task A_device_that_never_cools_times_out_with_a_clear_record()
    {
        var gate = Gate(CoolBattery, _ => _tree.SetBattery(4_000_000, -300_000, 2_000_000, 70, 470, "Discharging"));

        var record = await gate.WaitAsync("f16", 0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(record.Admitted);
        Assert.False(record.Forced);
        Assert.Equal(60_000, record.WaitedMs, 6);
        Assert.Equal(13, record.Polls);
        Assert.Equal(["battery temperature 47 °C > 40 °C"], record.Unmet);
    }

    [Fact]
    public async Task Force_on_timeout_admits_and_says_it_was_forced()
    {
        var policy = CoolBattery with { OnTimeout = AdmissionTimeoutActions.Force, TimeoutMs = 10_000 };
        var gate = Gate(policy, _ => _tree.SetBattery(4_000_000, 800_000, 2_000_000, 70, 300, "Charging"));

        var record = await gate.WaitAsync("f16", 0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(record.Admitted);
        Assert.True(record.Forced);
        Assert.Equal(["battery is charging (status Charging)"], record.Unmet);
    }

    [Fact]
    public async Task Hot_thermal_zone_of_a_watched_type_holds_admission_other_types_do_not()
    {
        var policy = new AdmissionSettings { MaxThermalZoneC = 50, ThermalZoneTypes = ["cpu"], TimeoutMs = 0 };
        _tree.SetZone(1, 70_000); // the "battery" zone, not watched
        _tree.SetZone(0, 55_000);

        var hot = await Gate(policy, _ => { }).WaitAsync("a", 0, CancellationToken.None);
        _tree.SetZone(0, 45_000);
        var cool = await Gate(policy, _ => { }).WaitAsync("a", 0, CancellationToken.None);

        Assert.False(hot.Admitted);
        Assert.Equal(["thermal zone thermal_zone0:cpu-0-0 55 °C > 50 °C"], hot.Unmet);
        Assert.True(cool.Admitted);
        Assert.Equal(45, cool.Conditions!.MaxThermalZoneC);
    }

    [Fact]
    public async Task Unreadable_readings_are_recorded_as_unchecked_not_waited_for()
    {
        _tree.MakeUnreadable("class/power_supply/battery/temp");
        var gate = Gate(CoolBattery, _ => { });

        var record = await gate.WaitAsync("a", 0, CancellationToken.None);

        Assert.True(record.Admitted);
        Assert.Equal(["battery temperature (unavailable)"], record.Unchecked);
        Assert.Equal(1, record.Polls);
    }

    [Fact]
    public async Task Battery_outside_the_band_waits()
    {
        var policy = CoolBattery with { TimeoutMs = 0 };

        var record = await Gate(policy, _ => _tree.SetBattery(4_000_000, -300_000, 2_000_000, 12, 300, "Discharging")).WaitAsync("a", 0, CancellationToken.None);

        Assert.False(record.Admitted);
        Assert.Equal(["battery level 12 % < 20 %"], record.Unmet);
    }
}
