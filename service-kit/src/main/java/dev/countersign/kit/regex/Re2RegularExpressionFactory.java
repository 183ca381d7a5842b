package dev.countersign.kit.regex;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * The networknt validator's regular expressions ({@code pattern}, {@code patternProperties}, {@code format: regex})
 * run on RE2/J through {@link LinearRegex}: linear-time matching, so a tenant's catastrophic pattern cannot stall
 * intake. A pattern RE2 refuses throws {@link LinearRegex.UnsupportedPatternException} when the schema is compiled.
 */
public final class Re2RegularExpressionFactory implements RegularExpressionFactory {
    private static final Re2RegularExpressionFactory INSTANCE = new Re2RegularExpressionFactory();

    private Re2RegularExpressionFactory() {
    }

    /** The one (stateless) instance. */
    public static Re2RegularExpressionFactory getInstance() {
        return INSTANCE;
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern compiled = LinearRegex.compile(regex);
        // JSON Schema patterns are not anchored (ECMA-262 semantics): find, not matches.
        return input -> compiled.matcher(input).find();
    }
}
