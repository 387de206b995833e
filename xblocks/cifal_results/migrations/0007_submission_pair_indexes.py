"""Indexes on (usage_key, pair) and (pair, usage_key): which pairs a block is in and which blocks a pair has, read
off the indexes alone rather than from every record of the block (ADR 17)."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cifal_results', '0006_submission_usage_id_index'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='submission',
            index=models.Index(fields=['usage_key', 'pair'], name='cifal_sub_usage_pair'),
        ),
        migrations.AddIndex(
            model_name='submission',
            index=models.Index(fields=['pair', 'usage_key'], name='cifal_sub_pair_usage'),
        ),
    ]
