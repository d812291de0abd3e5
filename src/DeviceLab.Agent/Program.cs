Console.Error.WriteLine("devicelab-agent: not built yet");
return 2;
