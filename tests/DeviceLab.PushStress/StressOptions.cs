using System.Globalization;

/// <summary>Command line of the push stress tool.</summary>
internal sealed record StressOptions(int Rounds, int Devices, int[] SizesMb, string Client, int Spinners)
{
    public static StressOptions Parse(string[] args)
    {
        var o = new StressOptions(5, 2, [327, 174, 93, 10], "ours", Environment.ProcessorCount * 2);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = args[i + 1];
            o = args[i] switch
            {
                "--rounds" => o with { Rounds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--devices" => o with { Devices = int.Parse(value, CultureInfo.InvariantCulture) },
                "--sizes-mb" => o with { SizesMb = value.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() },
                "--client" => o with { Client = value is "ours" or "adb" ? value : throw new ArgumentException($"--client is ours or adb, not '{value}'") },
                "--spinners" => o with { Spinners = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option '{args[i]}'"),
            };
        }
        return o;
    }
}
