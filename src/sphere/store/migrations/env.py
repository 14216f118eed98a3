"""Alembic environment: runs migrations on the engine Sphere hands over (see sphere.store.db)."""

from alembic import context

from sphere.store.models import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
    )
    context.run_migrations()
