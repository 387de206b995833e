"""An index on (usage_key, id): reports read a block's submissions in id order, a chunk at a time."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cifal_results', '0005_report_tasks'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='submission',
            index=models.Index(fields=['usage_key', 'id'], name='cifal_sub_usage_id'),
        ),
    ]
