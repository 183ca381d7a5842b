package dev.countersign.kit.persistence;

import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.Size;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.JdbcMappingContainer;
import org.hibernate.sql.ast.SqlAstTranslator;
import org.hibernate.sql.ast.spi.SqlAppender;
import org.hibernate.sql.ast.tree.expression.Expression;
import org.hibernate.sql.ast.tree.expression.SelfRenderingExpression;
import org.hibernate.type.descriptor.jdbc.JsonJdbcType;

/**
 * The one JDBC type of Countersign's JSONB columns: every entity with one registers it ({@code @JdbcTypeRegistration(JsonbText.class)})
 * and maps its JSON columns with {@code @JdbcTypeCode(SqlTypes.JSON)} to typed fields, converted by
 * {@link ContractJsonFormat}. The JSON crosses the wire as <em>text</em> ({@code cast(cast(? as text) as jsonb)} on
 * write, {@code cast(col as text)} on read). Why not Hibernate Reactive's own JSON type: it passes values through
 * Vert.x {@code JsonObject}, which rounds decimals to {@code double} and cannot hold a top-level array
 * (hibernate-reactive#4156); PostgreSQL's text form is exact, so a 20-digit amount survives the round trip.
 */
public class JsonbText extends JsonJdbcType {

    /** Hibernate instantiates the registered type through this constructor. */
    public JsonbText() {
        super(null);
    }

    @Override
    public void appendWriteExpression(String writeExpression, Size size, SqlAppender appender, Dialect dialect) {
        // A parameter typed jsonb would take our text as one JSON string; typed text, PostgreSQL parses it.
        // Hibernate calls this for every parameter of this type it renders (inserts, updates, queries).
        appender.append("cast(cast(");
        appender.append(writeExpression);
        appender.append(" as text) as jsonb)");
    }

    /**
     * Leaves a column's write expression as it is: the cast is added where its parameter is rendered
     * ({@link #appendWriteExpression}); adding it here too would cast twice.
     */
    @Override
    public String wrapWriteExpression(String writeExpression, Size size, Dialect dialect) {
        return writeExpression;
    }

    @Override
    public String wrapWriteExpression(String writeExpression, Dialect dialect) {
        return writeExpression;
    }

    @Override
    public boolean isWriteExpressionTyped(Dialect dialect) {
        return true;
    }

    @Override
    public Expression wrapTopLevelSelectionExpression(Expression expression) {
        return new SelfRenderingExpression() {
            @Override
            public void renderToSql(SqlAppender appender, SqlAstTranslator<?> walker,
                    SessionFactoryImplementor factory) {
                appender.append("cast(");
                expression.accept(walker);
                appender.append(" as text)");
            }

            @Override
            public JdbcMappingContainer getExpressionType() {
                return expression.getExpressionType();
            }
        };
    }
}
