/**
 * R-CAT-1: every item of the policy's three groups, with a service standard of measurable indicators (R-CAT-4),
 * and R-CAT-3: the negative list (derived from the domain's categories). Seeded into the table on first start;
 * the API reads the table, not this file.
 */
import type { CatalogItem, NegativeListEntry } from './catalog';
import { NEGATIVE_LIST_CATEGORIES, publicEntry } from './catalog';

export const POLICY_CATALOG: readonly CatalogItem[] = [
  {
    code: 'A-TARGET-SCREENING',
    group: 'A',
    nameZh: '对象排查',
    nameEn: 'Target screening',
    standard: {
      summary:
        'Door-to-door screening of households that may qualify for minimum living allowance, special-hardship support or temporary assistance.',
      indicators: [
        {
          code: 'households_screened_pct',
          description: 'Share of assigned households visited and screened',
          unit: '%',
          target: 100,
          comparison: '>=',
        },
        {
          code: 'screening_report_days',
          description: 'Days from visit to screening report',
          unit: 'days',
          target: 5,
          comparison: '<=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'A-MEANS-INVESTIGATION',
    group: 'A',
    nameZh: '家计调查',
    nameEn: 'Household means investigation',
    standard: {
      summary:
        'Home visits and neighbourhood inquiries on income, assets and living conditions of applicant households.',
      indicators: [
        {
          code: 'cases_completed_in_time_pct',
          description: 'Cases investigated within the statutory time limit',
          unit: '%',
          target: 100,
          comparison: '>=',
        },
        {
          code: 'visit_record_completeness_pct',
          description: 'Visit records complete with photos and signatures',
          unit: '%',
          target: 100,
          comparison: '>=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'A-ECON-VERIFICATION',
    group: 'A',
    nameZh: '家庭经济状况核对',
    nameEn: 'Household economic-status verification',
    standard: {
      summary:
        'Verification of household income and assets through the verification network, with reports to the purchaser.',
      indicators: [
        {
          code: 'verification_turnaround_days',
          description: 'Working days from request to verification report',
          unit: 'days',
          target: 3,
          comparison: '<=',
        },
        {
          code: 'report_error_rate_pct',
          description: 'Reports corrected after review',
          unit: '%',
          target: 2,
          comparison: '<=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'A-STAFF-TRAINING',
    group: 'A',
    nameZh: '业务培训',
    nameEn: 'Staff training',
    standard: {
      summary: 'Training of grassroots social-assistance staff in policy and handling procedures.',
      indicators: [
        {
          code: 'staff_trained_pct',
          description: 'Share of grassroots staff trained this year',
          unit: '%',
          target: 100,
          comparison: '>=',
        },
        {
          code: 'post_test_pass_pct',
          description: 'Trainees passing the post-training test',
          unit: '%',
          target: 90,
          comparison: '>=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'A-POLICY-PUBLICITY',
    group: 'A',
    nameZh: '政策宣传',
    nameEn: 'Policy publicity',
    standard: {
      summary: 'Publicity of social-assistance policy in towns, villages and communities.',
      indicators: [
        {
          code: 'villages_covered_pct',
          description: 'Villages and communities reached',
          unit: '%',
          target: 100,
          comparison: '>=',
        },
        {
          code: 'awareness_survey_pct',
          description: 'Residents aware of how to apply (sample survey)',
          unit: '%',
          target: 80,
          comparison: '>=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'A-PERFORMANCE-EVALUATION',
    group: 'A',
    nameZh: '绩效评价',
    nameEn: 'Performance evaluation',
    standard: {
      summary: 'Third-party performance evaluation of purchased social-assistance services.',
      indicators: [
        {
          code: 'projects_evaluated_pct',
          description: 'Contracted projects evaluated in the cycle',
          unit: '%',
          target: 100,
          comparison: '>=',
        },
        {
          code: 'report_delivery_days',
          description: 'Days from fieldwork end to evaluation report',
          unit: 'days',
          target: 20,
          comparison: '<=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'B-ASSISTANCE-COORDINATION',
    group: 'B',
    nameZh: '社会救助协理',
    nameEn: 'Assistance coordination',
    standard: {
      summary:
        'Assistance coordinators in villages and communities who find needs, help applications and follow up cases.',
      indicators: [
        {
          code: 'coordinators_per_village',
          description: 'Coordinators on duty per village or community',
          unit: 'persons',
          target: 1,
          comparison: '>=',
        },
        {
          code: 'monthly_visit_coverage_pct',
          description: 'Recipients visited at least monthly',
          unit: '%',
          target: 100,
          comparison: '>=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'B-SELF-CARE-ASSESSMENT',
    group: 'B',
    nameZh: '特困人员自理能力评估',
    nameEn: 'Self-care ability assessment of special-hardship persons',
    standard: {
      summary: 'Assessment of the self-care ability of special-hardship persons to set their care level.',
      indicators: [
        {
          code: 'assessments_in_time_pct',
          description: 'Assessments completed within 20 working days',
          unit: '%',
          target: 100,
          comparison: '>=',
        },
        {
          code: 'reassessment_dispute_rate_pct',
          description: 'Assessments disputed and changed on reassessment',
          unit: '%',
          target: 5,
          comparison: '<=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'B-INFO-SYSTEM',
    group: 'B',
    nameZh: '社会救助信息系统建设与维护',
    nameEn: 'Information-system build and maintenance',
    standard: {
      summary: 'Build and maintenance of social-assistance information systems.',
      indicators: [
        {
          code: 'availability_pct',
          description: 'Monthly availability during office hours',
          unit: '%',
          target: 99.5,
          comparison: '>=',
        },
        {
          code: 'incident_response_hours',
          description: 'Hours to respond to a severity-1 incident',
          unit: 'hours',
          target: 4,
          comparison: '<=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'B-POLICY-RESEARCH',
    group: 'B',
    nameZh: '社会救助政策制定的前期调查研究',
    nameEn: 'Preparatory research for policy making',
    standard: {
      summary: 'Surveys and studies that inform the drafting of social-assistance policy.',
      indicators: [
        {
          code: 'sample_households',
          description: 'Households surveyed',
          unit: 'households',
          target: 300,
          comparison: '>=',
        },
        {
          code: 'report_delivered',
          description: 'Research report delivered and accepted',
          unit: 'reports',
          target: 1,
          comparison: '>=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'B-DEVELOPMENT-PLAN-RESEARCH',
    group: 'B',
    nameZh: '社会救助发展规划研究',
    nameEn: 'Development-plan research',
    standard: {
      summary: 'Research supporting the social-assistance development plan.',
      indicators: [
        {
          code: 'report_delivered',
          description: 'Plan research report delivered and accepted',
          unit: 'reports',
          target: 1,
          comparison: '>=',
        },
        {
          code: 'stakeholder_consultations',
          description: 'Consultations with towns and departments',
          unit: 'sessions',
          target: 5,
          comparison: '>=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'C-CAREGIVING',
    group: 'C',
    nameZh: '照料护理',
    nameEn: 'Caregiving',
    standard: {
      summary: 'Daily-life care for recipients who cannot fully care for themselves.',
      indicators: [
        {
          code: 'service_hours_delivered_pct',
          description: 'Contracted care hours delivered',
          unit: '%',
          target: 100,
          comparison: '>=',
        },
        {
          code: 'satisfaction_pct',
          description: 'Recipients satisfied (opinion survey)',
          unit: '%',
          target: 90,
          comparison: '>=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'C-REHABILITATION',
    group: 'C',
    nameZh: '康复训练',
    nameEn: 'Rehabilitation training',
    standard: {
      summary: 'Rehabilitation training for disabled or ill recipients.',
      indicators: [
        {
          code: 'sessions_delivered_pct',
          description: 'Planned sessions delivered',
          unit: '%',
          target: 95,
          comparison: '>=',
        },
        {
          code: 'functional_improvement_pct',
          description: 'Recipients with assessed functional improvement',
          unit: '%',
          target: 60,
          comparison: '>=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'C-MEDICAL-ESCORT',
    group: 'C',
    nameZh: '送医陪护',
    nameEn: 'Escort to medical care',
    standard: {
      summary: 'Escorting recipients to medical appointments and accompanying them in hospital.',
      indicators: [
        {
          code: 'requests_met_pct',
          description: 'Escort requests met within 24 hours',
          unit: '%',
          target: 98,
          comparison: '>=',
        },
        {
          code: 'incidents',
          description: 'Safety incidents during escort',
          unit: 'incidents',
          target: 0,
          comparison: '<=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'C-SOCIAL-INTEGRATION',
    group: 'C',
    nameZh: '社会融入',
    nameEn: 'Social integration',
    standard: {
      summary: 'Activities that help recipients take part in community life.',
      indicators: [
        {
          code: 'participants',
          description: 'Recipients taking part in activities',
          unit: 'persons',
          target: 50,
          comparison: '>=',
        },
        {
          code: 'activities_per_month',
          description: 'Community activities held per month',
          unit: 'activities',
          target: 2,
          comparison: '>=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'C-CAPABILITY-BUILDING',
    group: 'C',
    nameZh: '能力提升',
    nameEn: 'Capability building',
    standard: {
      summary: 'Skills training and employment support for recipients able to work.',
      indicators: [
        {
          code: 'trainees',
          description: 'Recipients completing skills training',
          unit: 'persons',
          target: 30,
          comparison: '>=',
        },
        {
          code: 'employment_rate_pct',
          description: 'Trainees employed within six months',
          unit: '%',
          target: 30,
          comparison: '>=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'C-PSYCHOLOGICAL-COUNSELING',
    group: 'C',
    nameZh: '心理疏导',
    nameEn: 'Psychological counseling',
    standard: {
      summary: 'Counseling and emotional support for recipients in crisis or distress.',
      indicators: [
        {
          code: 'counseling_sessions',
          description: 'Counseling sessions delivered',
          unit: 'sessions',
          target: 100,
          comparison: '>=',
        },
        {
          code: 'crisis_response_hours',
          description: 'Hours to respond to a crisis referral',
          unit: 'hours',
          target: 24,
          comparison: '<=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'C-RESOURCE-LINKING',
    group: 'C',
    nameZh: '资源链接',
    nameEn: 'Resource linking',
    standard: {
      summary: 'Linking recipients with charity, volunteer and community resources.',
      indicators: [
        {
          code: 'needs_matched_pct',
          description: 'Registered needs matched with a resource',
          unit: '%',
          target: 70,
          comparison: '>=',
        },
        {
          code: 'partners_engaged',
          description: 'Charity or volunteer partners engaged',
          unit: 'partners',
          target: 5,
          comparison: '>=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
  {
    code: 'C-SOCIALIZED-CUSTODY',
    group: 'C',
    nameZh: '特困人员社会化托管',
    nameEn: 'Socialized custody of special-hardship persons',
    standard: {
      summary:
        'Custody and care of special-hardship persons by a social institution on behalf of the government.',
      indicators: [
        {
          code: 'caregiver_ratio_met_pct',
          description: 'Care units meeting the caregiver ratio of R-STAFF-4',
          unit: '%',
          target: 100,
          comparison: '>=',
        },
        {
          code: 'satisfaction_pct',
          description: 'Persons in custody satisfied (opinion survey)',
          unit: '%',
          target: 90,
          comparison: '>=',
        },
      ],
    },
    origin: 'policy',
    version: 1,
  },
];

/**
 * R-CAT-3: the negative list as stored and answered publicly, one entry per category of the policy. The categories,
 * with the concepts that recognise their phrasings, are the domain's (`NEGATIVE_LIST_CATEGORIES` in ./catalog).
 */
export const NEGATIVE_LIST: readonly NegativeListEntry[] = NEGATIVE_LIST_CATEGORIES.map(publicEntry);
