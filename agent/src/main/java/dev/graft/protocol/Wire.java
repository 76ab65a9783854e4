package dev.graft.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import java.nio.charset.StandardCharsets;

/** JSON encoding of the messages; one Gson configuration shared by both ends. */
public final class Wire {
  public static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

  private Wire() {}

  /** A request: the operation and its arguments, stamped with the protocol version. */
  /** {@code client}: the sending process's pid, for the agent's log (0 from clients that do not send it). */
  public record Request(int protocol, String op, JsonElement args, long client) {
    public static Request of(String op, Object args) {
      return new Request(Protocol.VERSION, op, GSON.toJsonTree(args), ProcessHandle.current().pid());
    }

    public <T> T args(Class<T> type) {
      return GSON.fromJson(args, type);
    }
  }

  /**
   * A reply: either a result, or an error with the exit code the CLI must end with; {@code timings}, where
   * the agent's time went (phase to ms), for {@code -v}.
   */
  public record Response(boolean ok, JsonElement result, Failure error, java.util.Map<String, Long> timings) {
    public static Response success(Object result) {
      return new Response(true, GSON.toJsonTree(result), null, null);
    }

    public static Response failure(int exitCode, String message) {
      return new Response(false, null, new Failure(exitCode, message), null);
    }

    public Response withTimings(java.util.Map<String, Long> phases) {
      return new Response(ok, result, error, phases);
    }

    public <T> T result(Class<T> type) {
      return GSON.fromJson(result, type);
    }
  }

  public record Failure(int exitCode, String message) {}

  public static byte[] encode(Object message) {
    return GSON.toJson(message).getBytes(StandardCharsets.UTF_8);
  }

  public static <T> T decode(byte[] payload, Class<T> type) {
    try {
      T value = GSON.fromJson(new String(payload, StandardCharsets.UTF_8), type);
      if (value == null) {
        throw new JsonParseException("empty message");
      }
      return value;
    } catch (RuntimeException e) {
      throw new JsonParseException("malformed message: " + e.getMessage(), e);
    }
  }
}
