"""What every factory of an audited model shares: its rows are written by the "tests" actor.

Services are the only write path in the portal (core.audit refuses a record saved without an
actor). Factories build the data a test starts from, so they act as a system actor of their
own; whatever a test then does through the admin or a service is attributed as it would be.
"""

import factory

from core.audit import Actor, acting

TEST_ACTOR = Actor.command("tests")


class AuditedFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with acting(TEST_ACTOR):
            return super()._create(model_class, *args, **kwargs)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        with acting(TEST_ACTOR):
            return super()._after_postgeneration(instance, create, results)
