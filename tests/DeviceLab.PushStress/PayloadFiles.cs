using System.Security.Cryptography;

internal sealed record PayloadFile(string Path, string Sha256);

internal static class PayloadFiles
{
    public static async Task<IReadOnlyList<PayloadFile>> CreateAsync(string folder, int[] sizesMb)
    {
        var files = new List<PayloadFile>();
        foreach (var (sizeMb, index) in sizesMb.Select((s, i) => (s, i)))
        {
            var path = Path.Combine(folder, $"payload-{index}-{sizeMb}mb.bin");
            var random = new Random(index + 1);
            var block = new byte[1 << 20];
            await using (var file = File.Create(path))
            {
                for (var mb = 0; mb < sizeMb; mb++)
                {
                    random.NextBytes(block);
                    await file.WriteAsync(block);
                }
            }
            files.Add(new PayloadFile(path, await HashAsync(path)));
        }
        return files;
    }

    public static async Task<string> HashAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }
}
