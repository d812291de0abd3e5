using DeviceLab.Server.Models;

namespace DeviceLab.Server.Tests.Models;

public class UploadAnswersTests
{
    [Fact]
    public void Problem_details_become_one_plain_sentence()
    {
        const string body = """{"type":"about:blank","title":"Not a GGUF file","status":400,"detail":"The file starts with 'GGUX', not the GGUF magic."}""";

        Assert.Equal("Not a GGUF file: The file starts with 'GGUX', not the GGUF magic.", UploadAnswers.Problem(400, body));
    }

    [Theory]
    [InlineData(413, "", "larger than this server accepts")]
    [InlineData(403, "", "Only operators")]
    [InlineData(0, "The connection to the server failed during the upload.", "connection to the server failed")]
    [InlineData(502, "<html>bad gateway</html>", "HTTP 502")]
    public void Without_problem_details_the_status_is_explained(int status, string body, string expected)
    {
        Assert.Contains(expected, UploadAnswers.Problem(status, body));
    }

    [Fact]
    public void The_created_model_is_read_from_the_answer()
    {
        Assert.Equal((42L, "tinyllama"), UploadAnswers.Model("""{"id":42,"name":"tinyllama","variants":[]}"""));
    }
}
