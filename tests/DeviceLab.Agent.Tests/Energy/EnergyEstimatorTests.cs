using DeviceLab.Agent.Energy;
using DeviceLab.Agent.Output;
using DeviceLab.Agent.Telemetry;
using DeviceLab.Agent.Tests.Output;
using DeviceLab.Agent.Tests.Telemetry;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Tests.Energy;

public sealed class EnergyEstimatorTests : IDisposable
{
    private readonly PreparedKernelTree _tree = new();
    private readonly SteppingTimeProvider _time = new();
    private readonly EnergyTrace _trace = new();
    private readonly TelemetrySampler _sampler;

    public EnergyEstimatorTests()
    {
        var events = new AgentEventStream(new RecordingEventTarget(), new AgentClock(_time));
        _sampler = new TelemetrySampler([new PowerSupplySource(_tree.SysfsRoot)], events, TimeSpan.FromMilliseconds(100));
        _sampler.Sampled += _trace.Add;
    }

    public void Dispose()
    {
        _sampler.Dispose();
        _tree.Dispose();
    }

    /// <summary>Samples the tree every 100 ms for 3 s, letting <paramref name="battery"/> set the files at each time (s).</summary>
    private void Discharge(Action<double> battery)
    {
        for (var step = 0; step <= 30; step++)
        {
            battery(step / 10.0);
            _sampler.SampleNow();
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    [Fact]
    public void Power_integral_matches_the_analytic_energy_within_one_percent()
    {
        // V = 4.2 − 0.04 t volts, I = 0.5 + 0.2 t amps (reported negative, as Android documents discharge).
        Discharge(t => _tree.SetBattery((long)Math.Round(4_200_000 - 40_000 * t), -(long)Math.Round(500_000 + 200_000 * t), 3_000_000, 80, 300, "Discharging"));
        static double Antiderivative(double t) => 2.1 * t + 0.41 * t * t - 0.008 / 3 * t * t * t;
        var expected = Antiderivative(2.65) - Antiderivative(0.35);

        var estimate = EnergyEstimator.Estimate(_trace.ToArray(), 350, 2650, tokens: 64);

        Assert.True(estimate.Valid, estimate.InvalidReason);
        Assert.Equal(EnergyMethod.PowerIntegral, estimate.Method);
        Assert.Equal(SampleSource.Sysfs, estimate.Source);
        Assert.InRange(estimate.Joules!.Value, expected * 0.99, expected * 1.01);
        Assert.Equal(estimate.Joules.Value * 1000 / 64, estimate.MillijoulesPerToken!.Value, 9);
        Assert.Equal(100, estimate.MaxSampleGapMs!.Value, 6);
        Assert.Equal(25, estimate.Samples);
    }

    [Fact]
    public void Without_current_the_charge_counter_drop_times_voltage_is_used()
    {
        // 720 mA at 4.0 V drains 20 µAh every 100 ms; 2 s of it is 0.4 mAh · 3.6 C/mAh · 4.0 V = 5.76 J.
        _tree.MakeUnreadable("class/power_supply/battery/current_now");
        Discharge(t =>
        {
            _tree.SetBatteryFile("voltage_now", 4_000_000);
            _tree.SetBatteryFile("charge_counter", 3_000_000 - (long)Math.Round(200 * t));
        });

        var estimate = EnergyEstimator.Estimate(_trace.ToArray(), 500, 2500, tokens: 100);

        Assert.True(estimate.Valid, estimate.InvalidReason);
        Assert.Equal(EnergyMethod.ChargeCounter, estimate.Method);
        Assert.InRange(estimate.Joules!.Value, 5.76 * 0.99, 5.76 * 1.01);
        // One counter step is 20 µAh here: 0.02 mAh · 3.6 · 4.0 V.
        Assert.Equal(0.288, estimate.ResolutionJoules!.Value, 6);
    }

    [Fact]
    public void A_kernel_reporting_current_in_milliamps_gives_no_energy_rather_than_a_thousandth_of_it()
    {
        // 600 mA written as "600" (mA) instead of "600000" (µA): read as 0.6 mA, which no phone running inference draws.
        Discharge(_ => _tree.SetBattery(4_000_000, -600, 3_000_000, 80, 300, "Discharging"));

        var estimate = EnergyEstimator.Estimate(_trace.ToArray(), 500, 2500, tokens: 100);

        Assert.False(estimate.Valid);
        Assert.Null(estimate.Joules);
        Assert.Contains("battery current reads 0.6 mA", estimate.InvalidReason);
        Assert.Contains("current_now in another unit than µA", estimate.InvalidReason);
    }

    [Fact]
    public void With_an_implausible_current_the_charge_counter_still_gives_the_energy()
    {
        // The same mA-reporting current, but a charge counter that drops 20 µAh per 100 ms (720 mA) at 4.0 V: 5.76 J.
        Discharge(t => _tree.SetBattery(4_000_000, -720, 3_000_000 - (long)Math.Round(200 * t), 80, 300, "Discharging"));

        var estimate = EnergyEstimator.Estimate(_trace.ToArray(), 500, 2500, tokens: 100);

        Assert.True(estimate.Valid, estimate.InvalidReason);
        Assert.Equal(EnergyMethod.ChargeCounter, estimate.Method);
        Assert.InRange(estimate.Joules!.Value, 5.76 * 0.99, 5.76 * 1.01);
    }

    [Fact]
    public void A_kernel_reporting_voltage_in_millivolts_gives_no_energy()
    {
        // 3.9 V written as "3900" (mV) instead of "3900000" (µV): read as 3.9 mV.
        Discharge(_ => _tree.SetBattery(3_900, -600_000, 3_000_000, 80, 300, "Discharging"));

        var estimate = EnergyEstimator.Estimate(_trace.ToArray(), 500, 2500, tokens: 100);

        Assert.False(estimate.Valid);
        Assert.Contains("battery voltage reads 3.9 mV", estimate.InvalidReason);
        Assert.Contains("voltage_now in another unit than µV", estimate.InvalidReason);
    }

    [Fact]
    public void Charging_during_the_phase_marks_energy_invalid()
    {
        Discharge(t => _tree.SetBattery(4_100_000, t is > 1.0 and < 1.3 ? 900_000 : -600_000, 3_000_000, 80, 300, t is > 1.0 and < 1.3 ? "Charging" : "Discharging"));

        var during = EnergyEstimator.Estimate(_trace.ToArray(), 500, 2500, 10);
        var before = EnergyEstimator.Estimate(_trace.ToArray(), 100, 900, 10);

        Assert.False(during.Valid);
        Assert.Null(during.Joules);
        Assert.Contains("charging", during.InvalidReason);
        Assert.True(before.Valid);
    }

    [Fact]
    public void External_power_marks_energy_invalid_even_when_the_battery_says_not_charging()
    {
        Discharge(t =>
        {
            _tree.SetBattery(4_100_000, -10_000, 3_000_000, 100, 300, "Not charging");
            _tree.SetUsbOnline(true);
        });

        var estimate = EnergyEstimator.Estimate(_trace.ToArray(), 500, 2500, 10);

        Assert.False(estimate.Valid);
        Assert.Contains("external power", estimate.InvalidReason);
    }

    [Fact]
    public void A_phase_the_readings_do_not_bracket_is_invalid()
    {
        Discharge(t => _tree.SetBattery(4_100_000, -600_000, 3_000_000, 80, 300, "Discharging"));

        var estimate = EnergyEstimator.Estimate(_trace.ToArray(), 2900, 3500, 10);

        Assert.False(estimate.Valid);
        Assert.Contains("do not bracket", estimate.InvalidReason);
    }

    [Fact]
    public void Summary_covers_valid_repetitions_and_says_how_many_were_left_out()
    {
        var good = new EnergyEstimate(2.0, 20, EnergyMethod.PowerIntegral, SampleSource.Sysfs, null, 100, 5, true, null);
        var better = good with { Joules = 3.0, MillijoulesPerToken = 30 };
        var charging = new EnergyEstimate(null, null, EnergyMethod.None, SampleSource.Sysfs, null, null, 5, false, "battery was charging during the phase");

        var summary = EnergyEstimator.Summarize([good, charging, better]);

        Assert.True(summary.Valid);
        Assert.Equal(2, summary.ValidRepetitions);
        Assert.Equal(3, summary.Repetitions);
        Assert.Equal(2.5, summary.Joules!.Value.Mean);
        Assert.Contains("charging", summary.InvalidReason);
        Assert.False(EnergyEstimator.Summarize([charging]).Valid);
    }
}
