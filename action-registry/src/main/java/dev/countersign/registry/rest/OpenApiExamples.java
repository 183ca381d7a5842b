package dev.countersign.registry.rest;

/** Example payloads shown in the OpenAPI document. */
final class OpenApiExamples {
    static final String DEFINITION = """
            {"tenant": "acme", "assistant": "support-bot", "name": "check_order_status",
             "display_name": "Check order status",
             "description": "Check the status of a customer order. Use when the customer asks where an order is. Requires the order number.",
             "parameters": [
               {"name": "order_number", "type": "string", "required": true, "pattern": "^ORD-[0-9]+$",
                "description": "Order number, e.g. ORD-12345"},
               {"name": "customer_email", "type": "email"}],
             "approval": {"mode": "auto"},
             "execution": {"kind": "webhook", "url": "https://api.example.com/countersign", "timeout_ms": 10000,
                           "retry": {"max_attempts": 4, "initial_backoff_ms": 1000, "max_backoff_ms": 30000}},
             "rate_limits": [{"scope": "user", "limit": 3, "window": "PT10M"}]}""";

    static final String CREATED = """
            {"tenant": "acme", "assistant": "support-bot", "name": "check_order_status", "version": 1,
             "status": "active", "description": "Check the status of a customer order. ...",
             "parameters_json_schema": {"type": "object", "properties": {"order_number": {"type": "string"}},
                                        "required": ["order_number"], "additionalProperties": false},
             "signing_key_id": "key_3fj0aQ", "signing_secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
             "signing_public_key": "whpk_6dQ0mM3sC8b2x9kqA5f7Vv1nWwYzZ2lH4oP8rT0uE1g="}""";

    static final String INVALID = """
            {"type": "https://countersign.dev/problems/invalid", "title": "Invalid request", "status": 422,
             "detail": "The action definition has 2 problem(s).", "code": "invalid",
             "errors": [{"path": "parameters[1].max", "code": "min_greater_than_max",
                         "message": "max must not be less than min."},
                        {"path": "execution.url", "code": "insecure_url", "message": "Only https:// URLs are allowed."}]}""";

    static final String OPENAI_TOOLS = """
            {"tools": [{"type": "function", "function": {"name": "check_order_status",
              "description": "Check the status of a customer order. ...", "strict": true,
              "parameters": {"type": "object", "properties": {"order_number": {"type": "string"},
                "customer_email": {"type": ["string", "null"], "format": "email"}},
                "required": ["order_number", "customer_email"], "additionalProperties": false}}}]}""";

    private OpenApiExamples() {
    }
}
